import { Router, Request, Response } from 'express';
const router = Router();

router.get('/avatar', (req: Request, res: Response) => {
  res.sendFile(req.query.file as string, { root: 'uploads' });
});
export default router;
