const services = require('./services');
module.exports = async (ctx) => {
  const Service = services[ctx.params.service];
  ctx.body = await new Service().run(ctx.request.body);
};
