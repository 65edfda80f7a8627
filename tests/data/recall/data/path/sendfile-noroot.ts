import { Router, Request, Response } from 'express';
import * as path from 'path';
const router = Router();

router.get('/avatar', (req: Request, res: Response) => {
  const p = path.resolve('uploads', req.query.file as string);
  res.sendFile(p);
});
export default router;
