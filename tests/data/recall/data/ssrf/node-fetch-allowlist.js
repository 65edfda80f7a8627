const fetch = require('node-fetch');
const ALLOWED = ['https://a.example.com/feed', 'https://b.example.com/feed'];

exports.feed = async (req, res) => {
  const u = req.query.feed;
  if (!ALLOWED.includes(u)) return res.sendStatus(400);
  const r = await fetch(u);
  res.send(await r.text());
};
