const { unflatten } = require('flat');

exports.save = (req, res) => {
  const nested = unflatten(req.body);
  res.json(nested);
};
