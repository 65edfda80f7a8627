import { Request, Response } from 'express';
export function track(req: Request, res: Response) {
  const { event } = req.body;
  console.log('%s at %d', JSON.stringify(event), Date.now());
  res.sendStatus(204);
}
