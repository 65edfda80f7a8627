import { Request, Response } from 'express';
import winston from 'winston';
const logger = winston.createLogger({ format: winston.format.json() });
export function search({ body }: Request, res: Response) {
  logger.info(`search: ${JSON.stringify(body.term)}`);
  res.json([]);
}
