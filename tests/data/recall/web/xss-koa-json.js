const Koa = require('koa');
const app = new Koa();

app.use(async (ctx) => {
  ctx.body = { msg: ctx.query.msg, ok: true };
});

app.listen(3000);
