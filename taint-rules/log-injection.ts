// Tests for log-injection.yaml (TypeScript).
import { Request, Response } from 'express';
import winston from 'winston';
import { format } from 'util';
const logger = winston.createLogger({ transports: [new winston.transports.Console()] });

export function search({ body, query }: Request, res: Response) {
  const { term } = body;
  // ruleid: js.taint.log-injection
  logger.info(`search: ${term}`);
  // ruleid: js.taint.log-injection
  logger.warn('page ' + (query.page as string));
  // ruleid: js.taint.format-string
  const s = format(query.fmt as string, term);
  // ok: js.taint.log-injection
  logger.info(`search: ${JSON.stringify(term)}`);
  // ok: js.taint.log-injection
  logger.info('search', { term });
  // ok: js.taint.format-string
  const t = format('%s', query.fmt);
  res.json([s, t]);
}

export function track(req: Request, res: Response) {
  const count: number = Number(req.body.count);
  // ok: js.taint.log-injection
  console.log('count ' + count);
  // ok: js.taint.format-string
  console.log(count, 'items');
  res.sendStatus(204);
}
