// Tests for auth.yaml. Every secret below is made up.
const jwt = require('jsonwebtoken');
const jwtSimple = require('jwt-simple');
const { sign: signToken } = require('jsonwebtoken');
const jose = require('jose');
const session = require('express-session');
const cookieSession = require('cookie-session');
const cookieParser = require('cookie-parser');
const { Strategy: JwtStrategy, ExtractJwt } = require('passport-jwt');
const { expressjwt } = require('express-jwt');
const koaJwt = require('koa-jwt');
const Hashids = require('hashids/cjs');
const secrets = require('./secrets-manager');

const JWT_SECRET = 'k3y-for-signing-tokens-2024';
const config = { jwtSecret: 'cfg-secret-value-123', port: 8080 };

// ruleid: secrets.jwt-hardcoded-secret
const t1 = jwt.sign({ sub: 'u1' }, 'literal-signing-secret', { expiresIn: '1h' });
// ruleid: secrets.jwt-hardcoded-secret
const t2 = signToken({ sub: 'u2' }, JWT_SECRET);
// ruleid: secrets.jwt-hardcoded-secret
jwt.verify(token, config.jwtSecret, { algorithms: ['HS256'] });
function issue(user, key = 'default-param-secret') {
  // ruleid: secrets.jwt-hardcoded-secret
  return jwt.sign({ sub: user.id }, key);
}
// ruleid: secrets.jwt-hardcoded-secret
const enc = jwtSimple.encode({ sub: 'u3' }, Buffer.from('c2VjcmV0LWluLWJhc2U2NA==', 'base64'));
// ruleid: secrets.jwt-hardcoded-secret
const dec = jwtSimple.decode(token, "simple-secret-xyz");
const joseKey = new TextEncoder().encode('jose-shared-secret-value');
async function joseSign() {
  // ruleid: secrets.jwt-hardcoded-secret
  const t = await new jose.SignJWT({ sub: 'u4' }).setProtectedHeader({ alg: 'HS256' }).sign(joseKey);
  // ruleid: secrets.jwt-hardcoded-secret
  await jose.jwtVerify(t, joseKey);
  return t;
}

// ok: secrets.jwt-hardcoded-secret
jwt.sign({ sub: 'u5' }, process.env.JWT_SECRET);
// ok: secrets.jwt-hardcoded-secret
jwt.verify(token, await secrets.get('jwt-key'), { algorithms: ['RS256'] });
// ok: secrets.jwt-hardcoded-secret
jwt.verify(token, Buffer.from(process.env.JWT_B64, 'base64'));
function issue2(user, key = process.env.JWT_SECRET) {
  // ok: secrets.jwt-hardcoded-secret
  return jwt.sign({ sub: user.id }, key);
}
// ok: secrets.jwt-hardcoded-secret
jwt.sign({ sub: 'u6' }, config.port);
// ok: secrets.jwt-hardcoded-secret
other.sign({ sub: 'u7' }, 'not-a-jwt-library');

const opts = {};
opts.jwtFromRequest = ExtractJwt.fromAuthHeaderAsBearerToken();
// ruleid: secrets.jwt-middleware-secret
opts.secretOrKey = 'passport-secret-value';
// ruleid: secrets.jwt-middleware-secret
passport.use(new JwtStrategy({ jwtFromRequest: ExtractJwt.fromUrlQueryParameter('t'), secretOrKey: JWT_SECRET }, verify));
// ruleid: secrets.jwt-middleware-secret
app.use(expressjwt({ secret: 'shhhhhhared-secret', algorithms: ['HS256'] }));
// ruleid: secrets.jwt-middleware-secret
app.use(koaJwt({ secret: 'koa-shared-secret' }));
// ok: secrets.jwt-middleware-secret
opts.secretOrKey = process.env.JWT_PUBLIC_KEY;
// ok: secrets.jwt-middleware-secret
app.use(expressjwt({ secret: jwksRsa.expressJwtSecret({ jwksUri: 'https://x/.well-known/jwks.json' }), algorithms: ['RS256'] }));
// ok: secrets.jwt-middleware-secret
app.use(otherMiddleware({ secret: 'not-jwt-middleware' }));

// ruleid: secrets.session-secret
app.use(session({ secret: 'keyboard cat', resave: false, saveUninitialized: true }));
// ruleid: secrets.session-secret
app.use(cookieSession({ name: 'session', keys: ['key-one-value', 'key-two-value'] }));
// ruleid: secrets.session-secret
app.use(cookieParser('cookie-signing-secret'));
const sessionConfig = { secret: 'session-config-secret', cookie: { secure: true } };
// ruleid: secrets.session-secret
app.use(session(sessionConfig));
// ok: secrets.session-secret
app.use(session({ secret: process.env.SESSION_SECRET, resave: false }));
// ok: secrets.session-secret
app.use(cookieParser());
// ok: secrets.session-secret
app.use(cookieSession({ name: 'session', keys: [process.env.KEY1, process.env.KEY2] }));
// ok: secrets.session-secret
app.use(other({ secret: 'not-a-session' }));

// ruleid: secrets.hashids-salt
const h1 = new Hashids('my project salt', 8);
// ruleid: secrets.hashids-salt
module.exports.ids = new Hashids("billing salt", 6, 'abcdef123456');
const HASHIDS_SALT_CONST2 = 'another salt';
// ruleid: secrets.hashids-salt
const h3 = new Hashids(HASHIDS_SALT_CONST2, 10);
// ok: secrets.hashids-salt
const h4 = new Hashids(process.env.HASHIDS_SALT, 8);
// ok: secrets.hashids-salt
const h5 = new Hashids('', 8);
// ok: secrets.hashids-salt
const h6 = new Hashids();

// ruleid: secrets.jwk-private-member
const jwk1 = { kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', d: 'jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI' };
// ruleid: secrets.jwk-private-member
const jwk2 = { k: 'GawgguFyGrWKav7AX4VKUg', kty: 'oct', alg: 'HS256' };
// ruleid: secrets.jwk-private-member
const jwk3 = await jose.importJWK({ kty: 'RSA', n: 'sXchDaQebHnPiGvyDOAT4saGEUetSyo9MKLOoWFsueri23bOdgWp4Dy1Wl', e: 'AQAB', p: '83i-7IvMGXoMXCskv73TKr8637FiO7Z27zv8oj6pbWUQyLPQBQxtPVnwD20R' }, 'RS256');
// ok: secrets.jwk-private-member
const pub1 = { kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' };
// ok: secrets.jwk-private-member
const jwk4 = { kty: 'oct', k: process.env.JWK_K };
// ok: secrets.jwk-private-member
const notJwk = { d: 'abcdefghijklmnopqrstuvwx', name: 'x' };
