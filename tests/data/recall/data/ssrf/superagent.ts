import request from 'superagent';
import type { Request, Response } from 'express';

export async function check(req: Request, res: Response) {
  const r = await request.get(req.body.endpoint).timeout(2000);
  res.json({ ok: r.ok });
}
