import { createWriteStream } from 'fs';
export function openLog() {
  return createWriteStream('/tmp/myapp-debug.log', { flags: 'a' });
}
