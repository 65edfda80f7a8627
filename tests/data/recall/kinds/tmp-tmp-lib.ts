import * as tmp from 'tmp';
import { writeFileSync } from 'fs';
export function dump(data: string): string {
  const f = tmp.fileSync({ prefix: 'dump-' });
  writeFileSync(f.name, data);
  return f.name;
}
