const log4js = require('log4js');
const logger = log4js.getLogger('items');
const Router = require('@koa/router');
const router = new Router();
router.get('/items/:name', async (ctx) => {
  const name = ctx.params.name;
  logger.warn('item not found ' + name);
  ctx.status = 404;
});
