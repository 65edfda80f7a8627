// Tests for filesystem.yaml (TypeScript).
import { promises as fsp, writeFileSync, mkdirSync } from 'fs';
import { tmpdir } from 'node:os';
import * as path from 'path';
import { randomBytes } from 'crypto';

export async function save(file: string, token: string, dir: string): Promise<void> {
  // ruleid: js.fs.permissive-mode
  await fsp.writeFile(file, token, { mode: 0o666 });
  // ruleid: js.fs.permissive-mode
  mkdirSync(dir, { recursive: true, mode: '0777' });
  // ok: js.fs.permissive-mode
  await fsp.writeFile(file, token, { mode: 0o600 });
  // ok: js.fs.permissive-mode
  mkdirSync(dir, { recursive: true, mode: 0o755 });
}

export function dump(data: string): string {
  const target: string = path.join(tmpdir(), 'dump.txt');
  // ruleid: js.fs.predictable-temp-file
  writeFileSync(target, data);
  // ruleid: js.fs.predictable-temp-file
  writeFileSync(`${tmpdir()}/last.json`, data);
  const random = path.join(tmpdir(), randomBytes(8).toString('hex'));
  // ok: js.fs.predictable-temp-file
  writeFileSync(random, data);
  // ok: js.fs.predictable-temp-file
  writeFileSync(path.join(tmpdir(), data as string), data);
  return target;
}
