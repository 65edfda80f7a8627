import Router from '@koa/router';
import { User } from './models';

const router = new Router();
router.post('/login', async (ctx) => {
  const { email, password } = ctx.request.body as any;
  const user = await User.findOne({ email, password });
  ctx.body = { ok: !!user };
});
export default router;
