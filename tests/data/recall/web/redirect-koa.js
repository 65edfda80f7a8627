const Router = require('@koa/router');
const router = new Router();

router.get('/out', async (ctx) => {
  const target = ctx.query.to;
  ctx.status = 302;
  ctx.redirect(target);
});

module.exports = router;
