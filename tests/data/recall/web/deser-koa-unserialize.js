const Router = require('@koa/router');
const { unserialize } = require('node-serialize');

const router = new Router();
router.post('/restore', async (ctx) => {
  const state = unserialize(ctx.request.body.state);
  ctx.body = { ok: !!state };
});
module.exports = router;
