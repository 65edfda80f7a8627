const _ = require('lodash');

module.exports.render = async function render(ctx) {
  const { tpl } = ctx.request.body;
  const compiled = _.template(tpl);
  ctx.body = compiled({ now: new Date() });
};
