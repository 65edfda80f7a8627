import { Request, Response } from 'express';
export function pad(req: Request, res: Response) {
  const size = Number(req.query.size);
  const buf = Buffer.alloc(size, 0x20);
  res.send(buf);
}
