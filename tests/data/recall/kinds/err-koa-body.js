const Koa = require('koa');
const app = new Koa();
app.use(async (ctx, next) => {
  try {
    await next();
  } catch (e) {
    ctx.status = 500;
    ctx.body = { error: e.stack };
  }
});
