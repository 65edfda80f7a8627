const dot = require('dot-object');

exports.patch = (req, res) => {
  const doc = {};
  dot.str(req.body.field, req.body.value, doc);
  res.json(doc);
};
