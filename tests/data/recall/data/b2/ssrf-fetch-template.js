exports.proxy = async (req, res) => {
  const r = await fetch(`${req.query.base}/api/status`, { method: 'GET' });
  res.status(r.status).send(await r.text());
};
