const { create, all } = require('mathjs');
const math = create(all, {});

module.exports = async (ctx) => {
  const { expr } = ctx.request.body;
  ctx.body = { result: math.evaluate(expr) };
};
