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

function identity(tls, host, opts, cert) {
  // ruleid: js.tls.check-server-identity-disabled
  tls.connect({ host, port: 443, checkServerIdentity: () => undefined });
  // ruleid: js.tls.check-server-identity-disabled
  const agent = new https.Agent({ checkServerIdentity: function (h, c) {} });
  // ruleid: js.tls.check-server-identity-disabled
  opts.checkServerIdentity = () => {};
  // ruleid: js.tls.check-server-identity-disabled
  https.get({ host, checkServerIdentity: (h, c) => null }, () => {});
  // ok: js.tls.check-server-identity-disabled
  tls.connect({ host, checkServerIdentity: (h, c) => tls.checkServerIdentity(h, c) || pin(c) });
  // ok: js.tls.check-server-identity-disabled
  tls.connect({ host, checkServerIdentity: verifyPinned });
  // ok: js.tls.check-server-identity-disabled
  tls.connect({ host, checkServerIdentity: (h, c) => { const err = tls.checkServerIdentity(h, c); if (err) return err; } });
  // ok: js.tls.check-server-identity-disabled
  tls.connect({ host, checkServerIdentity: function (h, c) { return tls.checkServerIdentity(h, c); } });
  // ok: js.tls.check-server-identity-disabled
  const noop = () => {};

  // ruleid: js.tls.legacy-cli-flag
  spawn(process.execPath, ['--tls-min-v1.0', 'server.js']);
  // ruleid: js.tls.legacy-cli-flag
  process.env.NODE_OPTIONS = '--security-revert=CVE-2023-46809';
  // ruleid: js.tls.legacy-cli-flag
  spawn('node', ['--insecure-http-parser', 'proxy.js']);
  // ok: js.tls.legacy-cli-flag
  spawn(process.execPath, ['--tls-min-v1.2', 'server.js']);
  // ok: js.tls.legacy-cli-flag
  spawn(process.execPath, ['--tls-max-v1.3', 'server.js']);
  // ok: js.tls.legacy-cli-flag
  process.env.NODE_OPTIONS = '--max-old-space-size=4096';
  return [agent, noop, cert];
}

module.exports = { agents, env, identity };
