import { chmod } from 'node:fs/promises';
export async function shareSocket(path: string) {
  await chmod(path, 0o777);
}
