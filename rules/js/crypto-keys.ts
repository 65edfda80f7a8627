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

import * as bcrypt from 'bcryptjs';
import { pbkdf2Sync, createHmac, timingSafeEqual, publicEncrypt, constants } from 'node:crypto';
import CryptoJS from 'crypto-js';
import NodeRSA from 'node-rsa';

export async function libs(password: string, salt: Buffer, body: string, header: string, pub: string): Promise<void> {
  // ruleid: js.crypto.bcrypt-low-rounds
  const h1: string = await bcrypt.hash(password, 5);
  // ok: js.crypto.bcrypt-low-rounds
  const h2: string = await bcrypt.hash(password, 12);
  // ruleid: js.crypto.pbkdf2-low-iterations
  const k1: Buffer = pbkdf2Sync(password, salt, 4096, 32, 'sha256');
  // ok: js.crypto.pbkdf2-low-iterations
  const k2: Buffer = pbkdf2Sync(password, salt, 600000, 32, 'sha256');
  const mac: string = createHmac('sha256', process.env.KEY as string).update(body).digest('hex');
  // ruleid: js.crypto.timing-unsafe-compare
  if (mac !== header) throw new Error('bad signature');
  // ok: js.crypto.timing-unsafe-compare
  if (!timingSafeEqual(Buffer.from(mac), Buffer.from(header))) throw new Error('bad signature');
  // ruleid: js.crypto.rsa-no-padding
  publicEncrypt({ key: pub, padding: constants.RSA_NO_PADDING }, Buffer.from(body));
  // ruleid: js.crypto.hardcoded-key
  const ct: string = CryptoJS.AES.encrypt(body, 'ts-crypto-js-key' as string).toString();
  // ruleid: js.crypto.password-fast-hash
  const weak: string = CryptoJS.MD5(password as string).toString();
  // ruleid: js.crypto.weak-rsa-key
  const rsa = new NodeRSA({ b: 1024 });
}
