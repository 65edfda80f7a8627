import type { Request, Response } from 'express';

export async function loadRenderer(req: Request, res: Response) {
  const { renderer } = req.body;
  const mod = await import(renderer);
  res.send(mod.render());
}
