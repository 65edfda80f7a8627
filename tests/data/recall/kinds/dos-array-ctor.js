const Koa = require('koa');
const app = new Koa();
app.use(async (ctx) => {
  const len = +ctx.query.len;
  ctx.body = new Array(len).fill(0);
});
