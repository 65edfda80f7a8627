// Tests for jwt.yaml.
const jwt = require('jsonwebtoken');
const { verify } = require('jsonwebtoken');
const jwtSimple = require('jwt-simple');
const jose = require('jose');
const { expressjwt } = require('express-jwt');
const { Strategy: JwtStrategy } = require('passport-jwt');

// ruleid: js.jwt.none-algorithm
jwt.verify(token, key, { algorithms: ['HS256', 'none'] });
// ruleid: js.jwt.none-algorithm
const unsigned = jwt.sign({ sub: 1 }, '', { algorithm: 'none' });
// ruleid: js.jwt.none-algorithm
app.use(expressjwt({ secret: getKey, algorithms: ["none"] }));
// ruleid: js.jwt.none-algorithm
const u2 = new jose.UnsecuredJWT({ sub: 'x' }).encode();
// ok: js.jwt.none-algorithm
jwt.verify(token, key, { algorithms: ['RS256'] });
// ok: js.jwt.none-algorithm
const signed = jwt.sign({ sub: 1 }, privateKey, { algorithm: 'ES256' });
// ok: js.jwt.none-algorithm
const cfg = { algorithms: ['none'], mode: 'test' };

// ruleid: js.jwt.verify-without-algorithms
const claims = jwt.verify(token, publicKey);
// ruleid: js.jwt.verify-without-algorithms
verify(token, publicKey, (err, decoded) => done(err, decoded));
// ruleid: js.jwt.verify-without-algorithms
jwt.verify(token, publicKey, { audience: 'api' }, function (err, decoded) { done(err, decoded); });
// ok: js.jwt.verify-without-algorithms
jwt.verify(token, publicKey, { algorithms: ['RS256'] });
// ok: js.jwt.verify-without-algorithms
verify(token, publicKey, { algorithms: ALGS, audience: 'api' }, (err, d) => done(err, d));
// ok: js.jwt.verify-without-algorithms
crypto.verify('sha256', data, publicKey, signature);

// ruleid: js.jwt.verification-disabled
jwt.verify(token, key, { algorithms: ['RS256'], ignoreExpiration: true });
// ruleid: js.jwt.verification-disabled
const claims2 = jwtSimple.decode(token, key, true);
// ruleid: js.jwt.verification-disabled
passport.use(new JwtStrategy({ secretOrKey: process.env.K, ignoreExpiration: true, jwtFromRequest }, cb));
// ok: js.jwt.verification-disabled
jwt.verify(token, key, { algorithms: ['RS256'], ignoreExpiration: false });
// ok: js.jwt.verification-disabled
const claims3 = jwtSimple.decode(token, key);
// ok: js.jwt.verification-disabled
const claims4 = jwtSimple.decode(token, key, false, 'HS512');

// ruleid: js.jwt.token-in-web-storage
localStorage.setItem('token', res.data.token);
// ruleid: js.jwt.token-in-web-storage
window.sessionStorage.setItem('access_token', accessToken);
// ruleid: js.jwt.token-in-web-storage
localStorage.jwt = body.jwt;
// ok: js.jwt.token-in-web-storage
localStorage.setItem('theme', 'dark');
// ok: js.jwt.token-in-web-storage
localStorage.setItem('csrfToken', csrf);
// ok: js.jwt.token-in-web-storage
cache.setItem('token', value);

// ruleid: js.jwt.sensitive-claims
const t1 = jwt.sign({ id: user.id, password: user.password }, key, { algorithm: 'RS256' });
// ruleid: js.jwt.sensitive-claims
const t2 = jwt.sign(user.toJSON(), key, { expiresIn: '1h' });
// ruleid: js.jwt.sensitive-claims
const t3 = jwtSimple.encode(req.user, key);
// ok: js.jwt.sensitive-claims
const t4 = jwt.sign({ sub: user.id, role: user.role }, key);
// ok: js.jwt.sensitive-claims
const t5 = jwt.sign({ sub: user.id }, key);
// ok: js.jwt.sensitive-claims
const t6 = bcrypt.hash(user.password, 12);
