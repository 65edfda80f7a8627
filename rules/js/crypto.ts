// TypeScript tests for crypto.yaml.
import { createCipher, createCipheriv, createHash, CipherKey } from 'node:crypto';
import CryptoJS from 'crypto-js';

export function legacy(data: string, password: string, key: CipherKey, iv: Buffer): string {
  // ruleid: js.crypto.create-cipher
  const c = createCipher('aes-256-cbc', password as string);
  // ok: js.crypto.create-cipher
  const c2 = createCipheriv('aes-256-gcm', key, iv);
  // ruleid: js.crypto.ecb-mode
  const e = CryptoJS.AES.encrypt(data, password, { mode: CryptoJS.mode.ECB });
  // ok: js.crypto.ecb-mode
  const e2 = CryptoJS.AES.encrypt(data, password, { mode: CryptoJS.mode.CTR, iv: CryptoJS.lib.WordArray.random(16) });
  // ruleid: js.crypto.weak-hash
  const h = createHash('md5').update(data).digest('hex');
  // ok: js.crypto.weak-hash
  const h2 = createHash('sha256').update(data).digest('hex');
  // ruleid: js.crypto.math-random-token
  const sessionToken: string = Math.random().toString(36).slice(2);
  // ok: js.crypto.math-random-token
  const jitter: number = Math.random() * 100;
  return c.update(data, 'utf8', 'hex') + e + h + h2 + sessionToken + jitter + c2;
}
