const Koa = require('koa');
const app = new Koa();
app.use(async (ctx, next) => {
  try {
    await next();
  } catch (e) {
    ctx.app.emit('error', e, ctx);
    ctx.status = 500;
    ctx.body = { error: 'internal' };
  }
});
