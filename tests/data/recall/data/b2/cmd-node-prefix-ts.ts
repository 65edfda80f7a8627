import * as cp from 'node:child_process';
import type { Request, Response } from 'express';

export function nslookup(req: Request, res: Response) {
  const out = cp.execSync('nslookup ' + req.query.domain, { encoding: 'utf8' });
  res.type('text/plain').send(out);
}
