import fs from 'node:fs/promises';
export async function prepareCache(root) {
  await fs.mkdir(root + '/cache', { recursive: true, mode: '777' });
}
