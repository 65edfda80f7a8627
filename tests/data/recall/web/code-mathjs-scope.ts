import { evaluate } from 'mathjs';
import type { Request, Response } from 'express';

export function hypot(req: Request, res: Response) {
  const a = Number(req.query.a);
  const b = Number(req.query.b);
  res.json({ value: evaluate('sqrt(a^2 + b^2)', { a, b }) });
}
