const Koa = require('koa');
const app = new Koa();

app.use(async (ctx) => {
  const msg = ctx.query.msg;
  ctx.type = 'html';
  ctx.body = `<div class="flash">${msg}</div>`;
});

app.listen(3000);
