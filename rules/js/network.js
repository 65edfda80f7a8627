// Tests for network.yaml.
const https = require('https');
const axios = require('axios');
const dns = require('dns');

function handlers(app) {
  app.get('/proxy', async (req, res) => {
    // ruleid: js.ssrf.request-url-from-request
    const r = await fetch(req.query.url);
    // ruleid: js.ssrf.request-url-from-request
    axios.get(req.body.target);
    // ruleid: js.ssrf.request-url-from-request
    dns.lookup(req.params.host, () => {});
    // ok: js.ssrf.request-url-from-request
    await fetch('https://api.example.com/v1/items');
    // ok: js.ssrf.request-url-from-request
    axios.get(`${BASE}/items/${encodeURIComponent(req.query.id)}`);
    // ok: js.ssrf.request-url-from-request
    cache.get(req.query.url);
    res.json(r);
  });
}

function steal(req) {
}

function tlsOptions() {
  return [
    // ruleid: js.tls.weak-protocol
    https.request({ host: 'x', secureProtocol: 'SSLv3_method' }),
    // ruleid: js.tls.weak-protocol
    https.request({ host: 'x', secureProtocol: 'TLSv1_method' }),
    // ruleid: js.tls.weak-protocol
    https.request({ host: 'x', minVersion: 'TLSv1' }),
    // ok: js.tls.weak-protocol
    https.request({ host: 'x', minVersion: 'TLSv1.2' }),
    // ok: js.tls.weak-protocol
    https.request({ host: 'x', secureProtocol: 'TLSv1_2_method' }),
    // ok: js.tls.weak-protocol
    https.request({ host: 'x', maxVersion: 'TLSv1.3' }),
  ];
}
module.exports = { handlers, steal, tlsOptions };
