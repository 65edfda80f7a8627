// Tests for jwt.yaml (TypeScript).
import * as jose from 'jose';
import { jwtDecode, JwtPayload } from 'jwt-decode';
import type { Request, Response, NextFunction } from 'express';
import jwt from 'jsonwebtoken';

interface Claims extends JwtPayload { roles: string[] }

export function guard(req: Request, res: Response, next: NextFunction): void {
  const claims = jose.decodeJwt(req.headers.authorization as string) as Claims;
  // ruleid: js.taint.jwt-decode-unverified
  if (claims.roles.includes('admin')) { next(); return; }
  res.sendStatus(403);
}

export async function guardVerified(req: Request, res: Response, next: NextFunction): Promise<void> {
  const { payload } = await jose.jwtVerify(req.headers.authorization as string, key, { algorithms: ['ES256'] });
  // ok: js.taint.jwt-decode-unverified
  if ((payload as Claims).roles.includes('admin')) { next(); return; }
  res.sendStatus(403);
}

export function setUser(req: Request & { user?: Claims }, token: string): void {
  // ruleid: js.taint.jwt-decode-unverified
  req.user = jwtDecode<Claims>(token);
}

export function castUser(req: Request, token: string): void {
  const payload: any = jwt.decode(token);
  // ruleid: js.taint.jwt-decode-unverified
  (req as any).user = payload;
  // ok: js.taint.jwt-decode-unverified
  (req as any).traceId = payload;
}

export function castVerified(req: Request, token: string): void {
  // ok: js.taint.jwt-decode-unverified
  (req as any).user = jwt.verify(token, process.env.JWT_PUBLIC_KEY!, { algorithms: ['RS256'] });
}
