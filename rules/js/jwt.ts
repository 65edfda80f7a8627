// Tests for jwt.yaml (TypeScript).
import jwt, { JwtPayload, VerifyOptions, Algorithm } from 'jsonwebtoken';
import * as jose from 'jose';

interface User { id: string; password: string; email: string }

export function check(token: string, key: string): JwtPayload {
  // ruleid: js.jwt.none-algorithm
  return jwt.verify(token, key, { algorithms: ['none' as Algorithm] }) as JwtPayload;
}
// ok: js.jwt.none-algorithm
export const ok1 = (token: string, key: string) => jwt.verify(token, key, { algorithms: ['RS256'] as Algorithm[] });
// ruleid: js.jwt.verify-without-algorithms
export const loose = (token: string, key: string) => jwt.verify(token, key) as JwtPayload;
// ok: js.jwt.verify-without-algorithms
export const strict = (token: string, key: string) => jwt.verify(token, key, { algorithms: ['ES256'] } as VerifyOptions);
// ruleid: js.jwt.verification-disabled
export const stale = (token: string, key: string) => jwt.verify(token, key, { algorithms: ['ES256'], ignoreExpiration: true } as VerifyOptions);
// ok: js.jwt.verification-disabled
export const fresh = (token: string, key: string) => jwt.verify(token, key, { algorithms: ['ES256'], clockTolerance: 30 });

export function store(res: { token: string }): void {
  // ruleid: js.jwt.token-in-web-storage
  window.localStorage.setItem('authToken', res.token as string);
  // ok: js.jwt.token-in-web-storage
  window.localStorage.setItem('lastPage', location.pathname);
}

export async function issue(user: User, key: Uint8Array): Promise<string> {
  // ruleid: js.jwt.sensitive-claims
  const a = jwt.sign({ sub: user.id, password: user.password } as object, 'k');
  // ruleid: js.jwt.sensitive-claims
  const b = await new jose.SignJWT({ sub: user.id, passwordHash: hash }).setProtectedHeader({ alg: 'HS256' }).sign(key);
  // ok: js.jwt.sensitive-claims
  const c = await new jose.SignJWT({ sub: user.id, email: user.email }).setProtectedHeader({ alg: 'HS256' }).sign(key);
  return a + b + c;
}
