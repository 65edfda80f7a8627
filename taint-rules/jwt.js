// Tests for jwt.yaml (js.taint.jwt-decode-unverified).
const jwt = require('jsonwebtoken');
const { decode } = require('jsonwebtoken');
const jwtDecode = require('jwt-decode');

function authenticate(req, res, next) {
  const token = req.headers.authorization.split(' ')[1];
  const claims = jwt.decode(token);
  // ruleid: js.taint.jwt-decode-unverified
  req.user = claims;
  next();
}

function requireAdmin(req, res, next) {
  const payload = decode(req.cookies.session);
  // ruleid: js.taint.jwt-decode-unverified
  if (payload.role === 'admin') return next();
  res.status(403).end();
}

function canDelete(token) {
  const { scope } = jwtDecode(token);
  const p = jwtDecode(token);
  // ruleid: js.taint.jwt-decode-unverified
  if (!p.permissions.includes('delete')) throw new Error('forbidden');
  return scope;
}

function authenticateVerified(req, res, next) {
  const token = req.headers.authorization.split(' ')[1];
  const claims = jwt.verify(token, process.env.PUBLIC_KEY, { algorithms: ['RS256'] });
  // ok: js.taint.jwt-decode-unverified
  req.user = claims;
  next();
}

function pickKey(token) {
  const { header } = jwt.decode(token, { complete: true });
  const key = keys[header.kid];
  const claims = jwt.verify(token, key, { algorithms: ['RS256'] });
  // ok: js.taint.jwt-decode-unverified
  if (claims.role === 'admin') return key;
  return null;
}

function showName(token) {
  const claims = jwt.decode(token);
  // ok: js.taint.jwt-decode-unverified
  document.title = claims.name;
  // ok: js.taint.jwt-decode-unverified
  if (claims.exp * 1000 < Date.now()) refresh();
}

// Koa keeps the identity in ctx.state.user.
function koaAuth(ctx) {
  const token = ctx.get('authorization').slice(7);
  // ruleid: js.taint.jwt-decode-unverified
  ctx.state.user = jwt.decode(token);
  // ok: js.taint.jwt-decode-unverified
  ctx.state.token = jwt.decode(token);
  // ok: js.taint.jwt-decode-unverified
  ctx.state.user = jwt.verify(token, process.env.JWT_KEY, { algorithms: ['HS256'] });
}
