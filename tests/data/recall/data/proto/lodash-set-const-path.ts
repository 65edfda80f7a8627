import set from 'lodash/set';
import type { Request, Response } from 'express';

const prefs: Record<string, unknown> = {};

export function update(req: Request, res: Response) {
  set(prefs, 'ui.theme', req.body.value);
  res.json(prefs);
}
