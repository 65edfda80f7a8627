import jwt from 'jsonwebtoken';
import { Request, Response, NextFunction } from 'express';
export function auth(req: Request, res: Response, next: NextFunction) {
  const token = req.headers.authorization?.split(' ')[1] ?? '';
  const payload: any = jwt.decode(token);
  (req as any).user = payload;
  next();
}
