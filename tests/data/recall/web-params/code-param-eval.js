module.exports = function calculate(expression) {
  return eval(expression);
};
