import { mkdirSync, writeFileSync } from 'fs';
export function init(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  writeFileSync(dir + '/config.json', '{}', { mode: 0o644 });
}
