const Koa = require('koa');
const app = new Koa();
app.use(async (ctx) => {
  const items = ctx.request.body.items;
  ctx.body = items.slice(0, 50).map((x) => x.id);
});
