import { createCipheriv, randomBytes } from 'crypto';
export function encrypt(key: Buffer, text: string) {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  return Buffer.concat([iv, c.update(text, 'utf8'), c.final(), c.getAuthTag()]);
}
