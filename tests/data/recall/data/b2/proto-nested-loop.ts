import type { Request, Response } from 'express';

const registry: Record<string, Record<string, string>> = {};

export function register(req: Request, res: Response) {
  for (const [group, entries] of Object.entries(req.body as Record<string, Record<string, string>>)) {
    registry[group] = registry[group] || {};
    for (const [k, v] of Object.entries(entries)) {
      registry[group][k] = v;
    }
  }
  res.sendStatus(204);
}
