const merge = require('lodash.merge');
const Router = require('@koa/router');
const router = new Router();
const defaults = {};

router.patch('/prefs', (ctx) => {
  ctx.body = merge(defaults, ctx.request.body);
});
module.exports = router;
