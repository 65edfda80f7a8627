import { Request, Response, NextFunction } from 'express';
import { randomUUID } from 'crypto';
export function errorHandler(err: Error, req: Request, res: Response, next: NextFunction) {
  const id = randomUUID();
  logger.error({ id, stack: err.stack });
  res.status(500).json({ message: 'Something went wrong', id });
}
