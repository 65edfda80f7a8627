const vm = require('vm');
const add = vm.compileFunction('return a + b', ['a', 'b']);

module.exports = (req, res) => {
  res.json({ sum: add(Number(req.query.a), Number(req.query.b)) });
};
