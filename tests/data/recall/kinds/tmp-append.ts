import * as fs from 'fs';
export function trace(line: string) {
  fs.appendFileSync('/tmp/ext-trace.log', line + '\n');
}
