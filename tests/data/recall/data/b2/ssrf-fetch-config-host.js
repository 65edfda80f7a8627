const config = require('./config');

exports.proxy = async (req, res) => {
  const r = await fetch(`${config.statusBase}/api/status?check=${encodeURIComponent(req.query.check)}`);
  res.status(r.status).send(await r.text());
};
