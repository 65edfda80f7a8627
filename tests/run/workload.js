// workload.js — a node workload touching what plugins commonly use: fs,
// net (loopback), child_process, worker_threads, zlib, crypto, timers and
// WebAssembly. Used to (re-)measure the seccomp allow-list (see
// tests/run/measure-syscalls and docs/policy.md); prints "workload: ok".
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const net = require('net');
const zlib = require('zlib');
const crypto = require('crypto');
const cp = require('child_process');
const { Worker } = require('worker_threads');

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pv-wl-'));
  const f = path.join(dir, 'a.txt');
  fs.writeFileSync(f, 'hello '.repeat(1000));
  await fs.promises.appendFile(f, 'more');
  const st = await fs.promises.stat(f);
  fs.renameSync(f, f + '.2');
  fs.readdirSync(dir);
  const fh = await fs.promises.open(f + '.2', 'r');
  await fh.read(Buffer.alloc(64), 0, 64, 0);
  await fh.close();
  fs.watch(dir).close();
  fs.rmSync(dir, { recursive: true });

  const gz = zlib.gzipSync(Buffer.alloc(100000, 1));
  zlib.gunzipSync(gz);
  await new Promise((r) => zlib.deflate('x'.repeat(10000), r));
  crypto.createHash('sha256').update('x').digest('hex');
  crypto.randomBytes(32);
  await new Promise((r) => crypto.pbkdf2('a', 'b', 1000, 32, 'sha256', r));
  crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });

  const wasm = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 7, 1, 96, 2, 127, 127, 1, 127,
    3, 2, 1, 0, 7, 7, 1, 3, 97, 100, 100, 0, 0, 10, 9, 1, 7, 0, 32, 0, 32, 1, 106, 11]);
  const { instance } = await WebAssembly.instantiate(wasm);
  if (instance.exports.add(2, 3) !== 5) throw new Error('wasm');

  await new Promise((resolve, reject) => {
    const srv = net.createServer((s) => s.end('pong')).listen(0, '127.0.0.1', () => {
      const c = net.connect(srv.address().port, '127.0.0.1');
      c.on('data', () => { c.destroy(); srv.close(resolve); });
      c.on('error', reject);
    });
  });

  await new Promise((resolve, reject) => {
    const w = new Worker('require("worker_threads").parentPort.postMessage(6*7)', { eval: true });
    w.on('message', (m) => (m === 42 ? resolve() : reject(new Error('worker'))));
    w.on('error', reject);
  });

  cp.execFileSync(process.execPath, ['-e', '0']);
  await new Promise((r) => cp.exec('echo hi', r));
  os.cpus(); os.networkInterfaces(); os.userInfo();
  await new Promise((r) => setTimeout(r, 20));
  console.log('workload: ok', st.size > 0);
}
main().catch((e) => { console.error('workload failed', e); process.exit(1); });
