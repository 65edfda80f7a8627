import { tmpdir } from 'os';
import { writeFile } from 'fs/promises';
export async function dumpScript(code) {
  const target = `${tmpdir()}/run-me.sh`;
  await writeFile(target, code, { mode: 0o700 });
  return target;
}
