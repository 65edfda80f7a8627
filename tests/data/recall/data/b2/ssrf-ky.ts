import ky from 'ky';
import type { Request, Response } from 'express';

export async function mirror(req: Request, res: Response) {
  const text = await ky.get(req.query.source as string).text();
  res.type('text/plain').send(text);
}
