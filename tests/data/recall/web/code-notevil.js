const safeEval = require('notevil');

module.exports = function (req, res) {
  res.json({ value: safeEval(req.body.code) });
};
