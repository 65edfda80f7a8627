const got = require('got');
const Router = require('@koa/router');
const router = new Router();

router.post('/import', async (ctx) => {
  const feed = await got(ctx.request.body.feedUrl).text();
  ctx.body = { length: feed.length };
});
module.exports = router;
