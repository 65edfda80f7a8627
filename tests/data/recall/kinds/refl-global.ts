import { Request, Response } from 'express';
export function call(req: Request, res: Response) {
  const fn = (globalThis as any)[req.query.fn as string];
  res.json({ value: fn(req.query.arg) });
}
