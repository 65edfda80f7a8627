import { Request, Response } from 'express';
const handlers = new Map<string, (a: unknown) => unknown>([['sum', sum], ['avg', avg]]);
export function call(req: Request, res: Response) {
  const fn = handlers.get(String(req.query.fn));
  if (!fn) return res.status(404).end();
  res.json({ value: fn(req.query.arg) });
}
