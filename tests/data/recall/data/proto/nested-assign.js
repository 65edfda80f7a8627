const store = {};

exports.put = (req, res) => {
  const { ns, key, value } = req.body;
  if (!store[ns]) store[ns] = {};
  store[ns][key] = value;
  res.sendStatus(204);
};
