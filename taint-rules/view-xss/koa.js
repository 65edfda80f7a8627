// A Koa app rendering Nunjucks templates (templates/*.njk) with koa-views.
const path = require('path');
const Koa = require('koa');
const Router = require('@koa/router');
const views = require('koa-views');

const app = new Koa();
const router = new Router();
app.use(views(path.join(__dirname, 'templates'), { extension: 'njk', map: { njk: 'nunjucks' } }));

router.get('/note', async (ctx) => {
  await ctx.render('note', { note: ctx.query.note, footer: '<footer>ok</footer>' });
});

// ctx.state is what koa-views hands every template.
router.get('/who', async (ctx) => {
  ctx.state.who = ctx.query.who;
  await ctx.render('who');
});

// A number only.
router.get('/page', async (ctx) => {
  await ctx.render('page', { page: parseInt(ctx.query.page, 10) });
});

app.use(router.routes());
module.exports = app;
