import Cryo from 'cryo';
import type { Request, Response } from 'express';

export function restoreSession(req: Request, res: Response) {
  const session = Cryo.parse(req.body.snapshot);
  res.json({ user: session.user });
}
