const { MongoClient } = require('mongodb');
let db;
MongoClient.connect(process.env.URL).then((c) => { db = c.db('stats'); });

exports.byUser = async (req, res) => {
  const name = req.query.name;
  if (typeof name !== 'string') return res.status(400).end();
  const out = await db.collection('events').find({ user: { $eq: name } }).toArray();
  res.json(out);
};
