// Tests for crypto.yaml.
const crypto = require('crypto');
const { createHash, createCipheriv } = require('node:crypto');

function cases(password, pass, key, iv, data, user) {
  // ruleid: js.crypto.create-cipher-no-iv
  crypto.createCipher('aes-256-cbc', password);
  // ruleid: js.crypto.create-cipher-no-iv
  crypto.createDecipher('aes-256-cbc', password);
  // ruleid: js.crypto.create-cipher-no-iv
  createCipher('aes192', password);
  // ok: js.crypto.create-cipher-no-iv
  crypto.createCipheriv('aes-256-gcm', key, iv);
  // ok: js.crypto.create-cipher-no-iv
  crypto.createDecipheriv('aes-256-gcm', key, iv);
  // ok: js.crypto.create-cipher-no-iv
  crypto.createHash('sha256');

  // ruleid: js.crypto.ecb-mode
  crypto.createCipheriv('aes-128-ecb', key, null);
  // ruleid: js.crypto.ecb-mode
  createCipheriv("AES-256-ECB", key, null);
  // ruleid: js.crypto.ecb-mode
  crypto.createDecipheriv('des-ecb', key, '');
  // ok: js.crypto.ecb-mode
  crypto.createCipheriv('aes-128-cbc', key, iv);
  // ok: js.crypto.ecb-mode
  crypto.createCipheriv('aes-256-gcm', key, iv);
  // ok: js.crypto.ecb-mode
  crypto.createCipheriv(user.alg, key, iv);

  // ruleid: js.crypto.weak-hash
  crypto.createHash('md5').update(data);
  // ruleid: js.crypto.weak-hash
  createHash("sha1");
  // ruleid: js.crypto.weak-hash
  crypto.createHmac('md5', key);
  // ok: js.crypto.weak-hash
  crypto.createHash('sha256');
  // ok: js.crypto.weak-hash
  crypto.createHash('sha512');
  // ok: js.crypto.weak-hash
  crypto.createHash(user.alg);

  // ruleid: js.crypto.math-random-secret
  const token = Math.random().toString(36).slice(2);
  // ruleid: js.crypto.math-random-secret
  user.sessionId = 'x' + Math.random();
  // ruleid: js.crypto.math-random-secret
  let resetPassword = Math.floor(Math.random() * 1e6);
  // ok: js.crypto.math-random-secret
  const jitter = Math.random() * 100;
  // ok: js.crypto.math-random-secret
  const token2 = crypto.randomBytes(16).toString('hex');
  // ok: js.crypto.math-random-secret
  const x = Math.random();

  // ruleid: js.crypto.hardcoded-key
  crypto.createCipheriv('aes-256-gcm', 'an-embedded-key-of-32-bytes-long', iv);
  // ruleid: js.crypto.hardcoded-key
  crypto.createDecipheriv('aes-256-gcm', Buffer.from('c2VjcmV0', 'base64'), iv);
  // ruleid: js.crypto.hardcoded-key
  crypto.createHmac('sha256', "hmac-secret");
  // ok: js.crypto.hardcoded-key
  crypto.createCipheriv('aes-256-gcm', key, iv);
  // ok: js.crypto.hardcoded-key
  crypto.createHmac('sha256', process.env.HMAC_KEY);
  // ok: js.crypto.hardcoded-key
  crypto.createCipheriv('aes-256-gcm', Buffer.from(key, 'hex'), iv);

  // ruleid: js.crypto.password-fast-hash
  crypto.createHash('sha256').update(password).digest('hex');
  // ruleid: js.crypto.password-fast-hash
  createHash('sha512').update(user.passwd + salt);
  // ruleid: js.crypto.password-fast-hash, js.crypto.weak-hash
  crypto.createHash('md5').update(pass);
  // ok: js.crypto.password-fast-hash
  crypto.createHash('sha256').update(data).digest('hex');
  // ok: js.crypto.password-fast-hash
  crypto.scryptSync(password, 'salt', 64);
  // ok: js.crypto.password-fast-hash
  crypto.createHmac('sha256', key).update(password);
  return [token, token2, jitter, x, resetPassword];
}
module.exports = cases;
