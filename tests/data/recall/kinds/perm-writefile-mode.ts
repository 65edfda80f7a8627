import { promises as fsp } from 'fs';
export async function saveToken(file: string, token: string): Promise<void> {
  await fsp.writeFile(file, token, { mode: 0o666 });
}
