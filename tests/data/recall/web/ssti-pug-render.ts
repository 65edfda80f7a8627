import pug from 'pug';
import type { Request, Response } from 'express';

export function preview(req: Request, res: Response): void {
  const { source } = req.body as { source: string };
  res.send(pug.render(source, { pretty: true }));
}
