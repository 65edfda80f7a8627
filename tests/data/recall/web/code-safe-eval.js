const safeEval = require('safe-eval');

exports.compute = (req, res) => {
  const expr = req.query.expr;
  const value = safeEval(expr, { Math });
  res.json({ value });
};
