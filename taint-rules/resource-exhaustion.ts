// Tests for resource-exhaustion.ts.
import { Request, Response } from 'express';
import Koa from 'koa';
const app = new Koa();

export function pad(req: Request, res: Response) {
  const size = Number(req.query.size);
  // ruleid: js.taint.resource-exhaustion
  const buf = Buffer.alloc(size);
  // ruleid: js.taint.resource-exhaustion
  const rows = Array.from({ length: Number(req.body.rows) }, (_, i) => i);
  const limit = Math.min(Number(req.query.limit), 500);
  // ok: js.taint.resource-exhaustion
  const page = new Array(limit);
  // ok: js.taint.resource-exhaustion
  const small = Buffer.alloc(16);
  res.send([buf, rows, page, small]);
}

app.use(async (ctx) => {
  const len: number = Number(ctx.query.len);
  // ruleid: js.taint.resource-exhaustion
  ctx.body = new Array(len).fill(0);
  // ok: js.taint.resource-exhaustion
  ctx.body = new Array(8).fill(len);
});
