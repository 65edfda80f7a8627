const { MongoClient } = require('mongodb');
let db;
MongoClient.connect(process.env.URL).then((c) => { db = c.db('stats'); });

exports.aggregate = async (req, res) => {
  const key = req.query.key;
  const out = await db.collection('events').mapReduce('function () { emit(this.' + key + ', 1); }', 'function (k, v) { return Array.sum(v); }', { out: { inline: 1 } });
  res.json(out);
};
