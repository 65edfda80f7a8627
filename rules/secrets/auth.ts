// Tests for auth.yaml (TypeScript). Every secret below is made up.
import jwt, { JwtPayload, SignOptions } from 'jsonwebtoken';
import * as jose from 'jose';
import session from 'express-session';
import cookieParser from 'cookie-parser';
import { Strategy as JwtStrategy, StrategyOptions } from 'passport-jwt';
import Hashids from 'hashids';
import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';

const SIGNING_KEY: string = 'ts-signing-key-value';
const appConfig = { jwtSecret: 'ts-config-secret-1', ttl: 3600 } as const;

export class TokenService {
  // ruleid: secrets.jwt-hardcoded-secret
  issue(user: { id: string }): string { return jwt.sign({ sub: user.id } as JwtPayload, SIGNING_KEY as string); }
  verify(token: string): JwtPayload {
    // ruleid: secrets.jwt-hardcoded-secret
    return jwt.verify(token, appConfig.jwtSecret) as JwtPayload;
  }
}
// ruleid: secrets.jwt-hardcoded-secret
export const sign = (p: object, key: string = 'ts-default-param-key'): string => jwt.sign(p, key, { algorithm: 'HS256' } as SignOptions);
// ruleid: secrets.jwt-hardcoded-secret
export const verifyJose = async (t: string) => jose.jwtVerify(t, new TextEncoder().encode('ts-jose-secret'));

const sm = new SecretsManagerClient({});
export async function fromManager(token: string) {
  const res = await sm.send(new GetSecretValueCommand({ SecretId: 'jwt' }));
  // ok: secrets.jwt-hardcoded-secret
  return jwt.verify(token, res.SecretString as string);
}
// ok: secrets.jwt-hardcoded-secret
export const s2 = (p: object) => jwt.sign(p, process.env.JWT_SECRET!);
// ok: secrets.jwt-hardcoded-secret
export const s3 = async (t: string) => jose.jwtVerify(t, new TextEncoder().encode(process.env.JOSE_SECRET));

const options: StrategyOptions = {
  jwtFromRequest: (req: any) => req.cookies.t,
  // ruleid: secrets.jwt-middleware-secret
  secretOrKey: 'ts-passport-secret',
};
// ok: secrets.jwt-middleware-secret
const options2: StrategyOptions = { jwtFromRequest: (req: any) => req.cookies.t, secretOrKey: process.env.PUB_KEY as string };
new JwtStrategy(options, (payload: JwtPayload, done: any) => done(null, payload));

// ruleid: secrets.session-secret
app.use(session({ secret: 'ts session secret', resave: false } as session.SessionOptions));
// ruleid: secrets.session-secret
app.use(cookieParser(['ts-cookie-secret-1', 'ts-cookie-secret-2']));
// ok: secrets.session-secret
app.use(session({ secret: process.env.SESSION_SECRET as string }));
// ok: secrets.session-secret
app.use(cookieParser(process.env.COOKIE_SECRET));

// ruleid: secrets.hashids-salt
export const ids = new Hashids('ts salt value', 12);
// ok: secrets.hashids-salt
export const ids2 = new Hashids(process.env.SALT as string, 12);

// ruleid: secrets.jwk-private-member
const privJwk: jose.JWK = { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo', d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A' };
// ok: secrets.jwk-private-member
const pubJwk: jose.JWK = { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' };
