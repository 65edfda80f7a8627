import type { Request, Response } from 'express';
import { readReport } from './storage';

export async function getReport(req: Request, res: Response) {
  const body = await readReport(req.params.name);
  res.type('text/csv').send(body);
}
