module.exports = async (ctx) => {
  ctx.set('X-Request-Id', ctx.query.rid);
  ctx.body = 'ok';
};
