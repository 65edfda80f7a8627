// TypeScript tests for crypto-keys.yaml.
import { createCipheriv as enc, createHash, generateKeyPairSync } from 'node:crypto';

export function seal(data: Buffer, key: Buffer, iv: Buffer, password: string): Buffer {
  // ruleid: js.crypto.hardcoded-iv
  const c = enc('aes-256-gcm', key, Buffer.alloc(12));
  // todoruleid: js.crypto.hardcoded-iv
  const c2 = enc('aes-256-gcm', key, Buffer.alloc(12) as Buffer);
  // ruleid: js.crypto.hardcoded-key
  const d = enc('aes-256-cbc', 'a-key-that-anyone-can-read-here!', iv);
  // ok: js.crypto.hardcoded-key, js.crypto.hardcoded-iv
  const e = enc('aes-256-gcm', key, iv);
  // ruleid: js.crypto.password-fast-hash
  const h = createHash('sha256').update(password as string).digest('hex');
  // ruleid: js.crypto.weak-rsa-key
  const kp = generateKeyPairSync('rsa', { modulusLength: 1024 });
  // todoruleid: js.crypto.weak-rsa-key
  const kp2 = generateKeyPairSync('rsa', { modulusLength: 1024 as number });
  return Buffer.concat([c.update(data), d.update(data), e.update(data), Buffer.from(h), Buffer.from(String(kp)), c2.update(data), Buffer.from(String(kp2))]);
}
