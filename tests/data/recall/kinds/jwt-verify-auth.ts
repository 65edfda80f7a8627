import jwt from 'jsonwebtoken';
import { Request, Response, NextFunction } from 'express';
export function auth(req: Request, res: Response, next: NextFunction) {
  const token = req.headers.authorization?.split(' ')[1] ?? '';
  (req as any).user = jwt.verify(token, process.env.JWT_PUBLIC_KEY!, { algorithms: ['RS256'] });
  next();
}
