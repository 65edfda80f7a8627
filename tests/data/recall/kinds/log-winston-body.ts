import { Request, Response } from 'express';
import winston from 'winston';
const logger = winston.createLogger({ transports: [new winston.transports.Console()] });
export function search({ body }: Request, res: Response) {
  const { term } = body;
  logger.info(`search: ${term}`);
  res.json([]);
}
