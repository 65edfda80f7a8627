// Tests for tls.yaml.
const https = require('https');

function agents(opts) {
  // ruleid: js.tls.reject-unauthorized-false
  const a = new https.Agent({ rejectUnauthorized: false });
  // ruleid: js.tls.reject-unauthorized-false
  const b = { 'rejectUnauthorized': !1 };
  // ruleid: js.tls.reject-unauthorized-false
  opts.rejectUnauthorized = false;
  // ruleid: js.tls.reject-unauthorized-false
  request({ url: opts.url, strictSSL: false });
  // ok: js.tls.reject-unauthorized-false
  const c = new https.Agent({ rejectUnauthorized: true });
  // ok: js.tls.reject-unauthorized-false
  const d = { rejectUnauthorized: opts.strict };
  // ok: js.tls.reject-unauthorized-false
  const e = { verifyOnly: false };
  return [a, b, c, d, e];
}

function env() {
  // ruleid: js.tls.node-tls-reject-env
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
  // ruleid: js.tls.node-tls-reject-env
  process.env["NODE_TLS_REJECT_UNAUTHORIZED"] = 0;
  // ruleid: js.tls.node-tls-reject-env
  spawn('node', ['x.js'], { env: { NODE_TLS_REJECT_UNAUTHORIZED: "0" } });
  // ok: js.tls.node-tls-reject-env
  if (process.env.NODE_TLS_REJECT_UNAUTHORIZED === '0') warn();
  // ok: js.tls.node-tls-reject-env
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';
  // ok: js.tls.node-tls-reject-env
  delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
}

module.exports = { agents, env };
