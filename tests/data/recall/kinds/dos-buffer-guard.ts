import { Request, Response } from 'express';
export function pad(req: Request, res: Response) {
  const size = Number(req.query.size);
  if (!Number.isInteger(size) || size < 0 || size > 4096) {
    return res.status(400).end();
  }
  const buf = Buffer.alloc(size, 0x20);
  res.send(buf);
}
