const knex = require('knex')({ client: 'pg', connection: process.env.PG });
const Koa = require('koa');
const Router = require('@koa/router');
const router = new Router();

router.get('/search', async (ctx) => {
  const term = ctx.query.q;
  ctx.body = await knex('articles').select('*').whereRaw('title LIKE ?', [`%${term}%`]);
});
new Koa().use(router.routes()).listen(3000);
