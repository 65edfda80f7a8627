import Router from '@koa/router';
import { User } from './models';

const router = new Router();
router.post('/login', async (ctx) => {
  const { email, password } = ctx.request.body as any;
  if (typeof email !== 'string' || typeof password !== 'string') ctx.throw(400);
  const user = await User.findOne({ email: String(email), password: String(password) });
  ctx.body = { ok: !!user };
});
export default router;
