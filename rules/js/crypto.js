// Tests for crypto.yaml.
const crypto = require('crypto');
import { createHash as hash, createCipher } from 'node:crypto';
const { createCipheriv } = require('crypto');

function cases(data, key, iv, alg) {
  // ruleid: js.crypto.weak-hash
  crypto.createHash('md5').update(data).digest('hex');
  // ruleid: js.crypto.weak-hash
  hash("sha1");
  // ruleid: js.crypto.weak-hash
  crypto.createHmac(`md5`, key);
  // ok: js.crypto.weak-hash
  crypto.createHash('sha256');
  // ok: js.crypto.weak-hash
  crypto.createHash(alg);
  // ok: js.crypto.weak-hash
  other.createHash('md5');

  // ruleid: js.crypto.create-cipher
  createCipher('aes192', key);
  // ruleid: js.crypto.create-cipher
  crypto.createDecipher('aes192', key);
  // ok: js.crypto.create-cipher
  crypto.createCipheriv('aes-256-gcm', key, iv);
  // ruleid: js.crypto.create-cipher
  require('node:crypto').createCipher('aes-256-cbc', key);
  // ok: js.crypto.create-cipher
  legacy.createCipher('aes192', key);
  // ok: js.crypto.create-cipher
  crypto.createDecipheriv('aes-256-gcm', key, iv);

  // ruleid: js.crypto.ecb-mode
  createCipheriv('aes-128-ecb', key, null);
  // ruleid: js.crypto.ecb-mode, js.crypto.weak-cipher
  crypto.createDecipheriv("des-ecb", key, '');
  // ok: js.crypto.ecb-mode
  createCipheriv('aes-256-gcm', key, iv);
  // ruleid: js.crypto.ecb-mode
  require('crypto').createCipheriv(`aes-256-ecb`, key, null);
  // ok: js.crypto.ecb-mode
  createCipheriv('aes-128-ecbx', key, iv);
  // ok: js.crypto.ecb-mode
  other.createCipheriv('aes-128-ecb', key, null);

  // ruleid: js.crypto.math-random-token
  const sessionToken = Math.random().toString(36).slice(2);
  // ruleid: js.crypto.math-random-token
  user.resetPassword = 'p' + Math.floor(Math.random() * 1e9);
  // ok: js.crypto.math-random-token
  const jitter = Math.random() * 100;
  // ruleid: js.crypto.math-random-token
  let nonce = Math.random();
  // ok: js.crypto.math-random-token
  const token = crypto.randomBytes(32).toString('hex');
  // ok: js.crypto.math-random-token
  const delayMs = Math.floor(Math.random() * 1000);
  let password = '';
  // ruleid: js.crypto.math-random-token
  for (let i = 0; i < 12; i++) password += chars[Math.floor(Math.random() * chars.length)];
  let label = '';
  // ok: js.crypto.math-random-token
  for (let i = 0; i < 3; i++) label += colors[Math.floor(Math.random() * colors.length)];

  // ruleid: js.crypto.weak-cipher
  crypto.createCipheriv('des-ede3-cbc', key, iv);
  // ruleid: js.crypto.weak-cipher
  crypto.createDecipheriv('DES-CBC', key, iv);
  // ruleid: js.crypto.weak-cipher
  crypto.createCipheriv('rc4', key, null);
  // ruleid: js.crypto.weak-cipher
  crypto.createCipheriv('bf-cbc', key, iv);
  // ok: js.crypto.weak-cipher
  crypto.createCipheriv('aes-256-gcm', key, iv);
  // ok: js.crypto.weak-cipher
  crypto.createCipheriv('chacha20-poly1305', key, iv, { authTagLength: 16 });
  // ok: js.crypto.weak-cipher
  crypto.createCipheriv(algorithm, key, iv);
}

function resetToken() {
  // ruleid: js.crypto.math-random-token
  return Math.random().toString(36).slice(2);
}

function pickColor() {
  // ok: js.crypto.math-random-token
  return colors[Math.floor(Math.random() * colors.length)];
}

const CryptoJS = require('crypto-js');
// ruleid: js.crypto.weak-cipher
const c1 = CryptoJS.TripleDES.encrypt('message', 'key');
// ruleid: js.crypto.weak-cipher
const c2 = CryptoJS.RC4.encrypt('message', 'key');
// ok: js.crypto.weak-cipher
const c3 = CryptoJS.AES.encrypt('message', 'key');

module.exports = cases;

const CryptoJS = require('crypto-js');
const forge = require('node-forge');
function libraryModes(msg, key, iv) {
  // ruleid: js.crypto.ecb-mode
  CryptoJS.AES.encrypt(msg, key, { mode: CryptoJS.mode.ECB, padding: CryptoJS.pad.Pkcs7 });
  // ruleid: js.crypto.ecb-mode
  const c = forge.cipher.createCipher('AES-ECB', key);
  // ruleid: js.crypto.ecb-mode
  crypto.createCipheriv('AES-256-ECB', key, null);
  // ok: js.crypto.ecb-mode
  CryptoJS.AES.encrypt(msg, key, { iv, mode: CryptoJS.mode.CBC });
  // ok: js.crypto.ecb-mode
  const d = forge.cipher.createCipher('AES-GCM', key);
  // ok: js.crypto.ecb-mode
  const opts = { mode: 'ecb-like-name' };
}
