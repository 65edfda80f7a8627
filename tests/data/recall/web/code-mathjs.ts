import { evaluate } from 'mathjs';
import type { Request, Response } from 'express';

export function calc(req: Request, res: Response) {
  const expression = String(req.query.expression);
  res.json({ value: evaluate(expression) });
}
