const store = {};

exports.put = (req, res) => {
  const { ns, key, value } = req.body;
  if (ns === '__proto__' || ns === 'constructor' || ns === 'prototype') return res.sendStatus(400);
  if (!store[ns]) store[ns] = {};
  store[ns][key] = value;
  res.sendStatus(204);
};
