// Tests for tls-identity.yaml.
const https = require('https');
import * as tls from 'node:tls';
const { spawn } = require('child_process');

function identity(host, opts, cert) {
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

module.exports = { identity };
