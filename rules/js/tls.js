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

// Weak cipher suites.
const tlsServerOpts = {
  key, cert,
  // ruleid: js.tls.weak-ciphers
  ciphers: 'RC4-SHA:AES128-SHA',
};
// ruleid: js.tls.weak-ciphers
https.request({ host: 'x', ciphers: "HIGH:DES-CBC3-SHA" });
// ruleid: js.tls.weak-ciphers
agent.options.ciphers = 'ALL:eNULL';
// ok: js.tls.weak-ciphers
tls.createServer({ ciphers: 'HIGH:!aNULL:!MD5:!RC4:!3DES' });
// ok: js.tls.weak-ciphers
tls.createServer({ ciphers: 'TLS_AES_256_GCM_SHA384:ECDHE-RSA-AES128-GCM-SHA256' });
// ok: js.tls.weak-ciphers
const palette = { ciphers: cipherList };

// Database clients.
const { MongoClient } = require('mongodb');
// ruleid: js.tls.db-certificate-checks-off
const m1 = new MongoClient(uri, { tls: true, tlsAllowInvalidCertificates: true });
// ruleid: js.tls.db-certificate-checks-off
const m2 = new MongoClient('mongodb://db.internal:27017/app?tls=true&tlsInsecure=true');
// ruleid: js.tls.db-certificate-checks-off
mongoose.connect(uri, { ssl: true, sslValidate: false });
// ruleid: js.tls.db-certificate-checks-off
const pgPool = new Pool({ connectionString: 'postgres://app@db.internal/app?sslmode=no-verify' });
// ok: js.tls.db-certificate-checks-off
const m3 = new MongoClient(uri, { tls: true, tlsCAFile: '/etc/ssl/mongo-ca.pem' });
// ok: js.tls.db-certificate-checks-off
const m4 = new MongoClient('mongodb://db.internal:27017/app?tls=true&tlsAllowInvalidCertificates=false');
// ok: js.tls.db-certificate-checks-off
mongoose.connect(uri, { ssl: true, sslValidate: true });
// ok: js.tls.db-certificate-checks-off
const pgPool2 = new Pool({ connectionString: 'postgres://app@db.internal/app?sslmode=verify-full' });
