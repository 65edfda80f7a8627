// Tests for crypto-keys.yaml.
const crypto = require('crypto');
const { createHash } = require('node:crypto');

function cases(password, pass, key, iv, data, user, salt) {
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
  // ruleid: js.crypto.password-fast-hash
  crypto.createHash('md5').update(pass);
  // ok: js.crypto.password-fast-hash
  crypto.createHash('sha256').update(data).digest('hex');
  // ok: js.crypto.password-fast-hash
  crypto.scryptSync(password, 'salt', 64);
  // ok: js.crypto.password-fast-hash
  crypto.createHmac('sha256', key).update(password);
}
module.exports = cases;
