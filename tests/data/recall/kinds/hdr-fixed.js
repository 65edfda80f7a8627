module.exports = async (ctx) => {
  ctx.set('X-Request-Id', require('crypto').randomUUID());
  ctx.body = 'ok';
};
