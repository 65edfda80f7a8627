// Tests for unsafe-reflection.yaml (TypeScript).
import { Request, Response } from 'express';
import * as ops from './ops';

export function call(req: Request, res: Response) {
  // ruleid: js.taint.unsafe-reflection
  const fn = (globalThis as any)[req.query.fn as string];
  const value = fn(req.query.arg);
  // ruleid: js.taint.unsafe-reflection
  const Op = (ops as Record<string, new (x: unknown) => unknown>)[req.body.op];
  const other = new Op(req.body.x);
  const table: Record<string, number> = { a: 1 };
  // ok: js.taint.unsafe-reflection
  const n = table[String(req.query.k)];
  // ok: js.taint.unsafe-reflection
  const t = String(req.query.name).trim();
  res.json({ value, other, n, t });
}
