// Tests for crypto-keys.yaml.
const crypto = require('crypto');
const { createHash, createCipheriv: cipher } = require('node:crypto');
import * as nc from 'node:crypto';
import { generateKeyPairSync as gen } from 'crypto';

const KEY = 'an-embedded-key-of-32-bytes-long';

function cases(password, pass, key, iv, data, user, salt, other) {
  // ruleid: js.crypto.hardcoded-key
  crypto.createCipheriv('aes-256-gcm', 'an-embedded-key-of-32-bytes-long', iv);
  // ruleid: js.crypto.hardcoded-key
  crypto.createDecipheriv('aes-256-gcm', Buffer.from('c2VjcmV0', 'base64'), iv);
  // ruleid: js.crypto.hardcoded-key
  crypto.createHmac('sha256', "hmac-secret");
  // ruleid: js.crypto.hardcoded-key
  cipher('aes-256-cbc', KEY, iv);
  // ruleid: js.crypto.hardcoded-key
  nc.createHmac('sha1', Buffer.from([1, 2, 3, 4]));
  // ok: js.crypto.hardcoded-key
  crypto.createCipheriv('aes-256-gcm', key, iv);
  // ok: js.crypto.hardcoded-key
  crypto.createHmac('sha256', process.env.HMAC_KEY);
  // ok: js.crypto.hardcoded-key
  crypto.createCipheriv('aes-256-gcm', Buffer.from(key, 'hex'), iv);
  // ok: js.crypto.hardcoded-key
  other.createCipheriv('aes-256-gcm', 'not-node-crypto', iv);
  // ok: js.crypto.hardcoded-key
  crypto.createCipheriv(alg(), derive('x', 'y'), iv);

  // ruleid: js.crypto.hardcoded-iv
  crypto.createCipheriv('aes-256-cbc', key, '0123456789abcdef');
  // ruleid: js.crypto.hardcoded-iv
  cipher('aes-256-gcm', key, Buffer.alloc(12));
  // ruleid: js.crypto.hardcoded-iv
  nc.createCipheriv('aes-128-cbc', key, Buffer.from('00000000000000000000000000000000', 'hex'));
  // ruleid: js.crypto.hardcoded-iv
  crypto.createCipheriv('aes-256-ctr', key, new Uint8Array(16));
  // ok: js.crypto.hardcoded-iv
  crypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(12));
  // ok: js.crypto.hardcoded-iv
  crypto.createCipheriv('aes-256-gcm', key, iv);
  // ok: js.crypto.hardcoded-iv
  crypto.createDecipheriv('aes-256-cbc', key, '0123456789abcdef');
  // ok: js.crypto.hardcoded-iv
  other.createCipheriv('aes-256-cbc', key, Buffer.alloc(16));

  // ruleid: js.crypto.password-fast-hash
  crypto.createHash('sha256').update(password).digest('hex');
  // ruleid: js.crypto.password-fast-hash
  createHash('sha512').update(user.passwd + salt);
  // ruleid: js.crypto.password-fast-hash
  crypto.createHash('md5').update(pass);
  // ruleid: js.crypto.password-fast-hash
  nc.createHash('sha1').update(user.password, 'utf8');
  // ok: js.crypto.password-fast-hash
  crypto.createHash('sha256').update(data).digest('hex');
  // ok: js.crypto.password-fast-hash
  crypto.scryptSync(password, 'salt', 64);
  // ok: js.crypto.password-fast-hash
  crypto.createHmac('sha256', key).update(password);
  // ok: js.crypto.password-fast-hash
  crypto.createHash('sha256').update(user.passive);

  // ruleid: js.crypto.weak-rsa-key
  crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
  // ruleid: js.crypto.weak-rsa-key
  gen('dsa', { modulusLength: 512, divisorLength: 160 });
  // ruleid: js.crypto.weak-rsa-key
  nc.generateKeyPair('rsa-pss', { publicExponent: 3, modulusLength: 1536 }, () => {});
  // ok: js.crypto.weak-rsa-key
  crypto.generateKeyPairSync('rsa', { modulusLength: 3072 });
  // ok: js.crypto.weak-rsa-key
  crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  // ok: js.crypto.weak-rsa-key
  other.generateKeyPairSync('rsa', { modulusLength: 1024 });
}

function blocks(password) {
  const h = crypto.createHash('sha256');
  // ruleid: js.crypto.password-fast-hash
  h.update(password);
  return h.digest('hex');
}
module.exports = { cases, blocks };

function more(ivHex, key) {
  // ok: js.crypto.hardcoded-iv
  return crypto.createCipheriv('aes-256-cbc', key, Buffer.from(ivHex, 'hex'));
}
