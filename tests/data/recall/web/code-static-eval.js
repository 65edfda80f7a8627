const staticEval = require('static-eval');
const { parse } = require('esprima');

module.exports = function (req, res) {
  const ast = parse(req.body.expr).body[0].expression;
  res.json({ value: staticEval(ast, { x: 1 }) });
};
