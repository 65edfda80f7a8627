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

const CryptoJS = require('crypto-js');
const forge = require('node-forge');
const NodeRSA = require('node-rsa');
const bcrypt = require('bcrypt');
const bcryptjs = require('bcryptjs');
const md5 = require('md5');
const sha1 = require('sha1');
const settings = { hmacKey: 'settings-hmac-key-1', rounds: 12 };

function libraries(msg, password, salt, userKey, iv) {
  // ruleid: js.crypto.hardcoded-key
  const ct = CryptoJS.AES.encrypt(msg, 'crypto-js-passphrase').toString();
  // ruleid: js.crypto.hardcoded-key
  const mac = CryptoJS.HmacSHA256(msg, "crypto-js-hmac-key");
  // ruleid: js.crypto.hardcoded-key
  const c = forge.cipher.createCipher('AES-CBC', 'forge-key-16bytes');
  const hm = forge.hmac.create();
  // ruleid: js.crypto.hardcoded-key
  hm.start('sha256', 'forge-hmac-key');
  // ruleid: js.crypto.hardcoded-key
  const h2 = crypto.createHmac('sha256', settings.hmacKey);
  // ok: js.crypto.hardcoded-key
  const ct2 = CryptoJS.AES.encrypt(msg, userKey).toString();
  // ok: js.crypto.hardcoded-key
  hm.start('sha256', process.env.FORGE_KEY);
  // ok: js.crypto.hardcoded-key
  const h3 = crypto.createHmac('sha256', settings.rounds);

  // ruleid: js.crypto.password-fast-hash
  const a = CryptoJS.SHA256(password).toString();
  // ruleid: js.crypto.password-fast-hash
  const b = md5(user.password);
  // ruleid: js.crypto.password-fast-hash
  const d = sha1(password + salt);
  // ok: js.crypto.password-fast-hash
  const e = md5(fileContents);
  // ok: js.crypto.password-fast-hash
  const f = CryptoJS.SHA256(msg).toString();

  // ruleid: js.crypto.weak-rsa-key
  const k1 = new NodeRSA({ b: 512 });
  // ruleid: js.crypto.weak-rsa-key
  const k2 = new NodeRSA().generateKeyPair(1024);
  // ruleid: js.crypto.weak-rsa-key
  forge.pki.rsa.generateKeyPair({ bits: 1024, workers: 2 }, (err, kp) => kp);
  // ok: js.crypto.weak-rsa-key
  const k3 = new NodeRSA({ b: 2048 });
  // ok: js.crypto.weak-rsa-key
  forge.pki.rsa.generateKeyPair({ bits: 4096, e: 0x10001 });

  // ruleid: js.crypto.pbkdf2-low-iterations
  crypto.pbkdf2(password, salt, 1000, 64, 'sha512', (err, dk) => dk);
  // ruleid: js.crypto.pbkdf2-low-iterations
  const dk = crypto.pbkdf2Sync(password, salt, 10000, 32, 'sha256');
  // ruleid: js.crypto.pbkdf2-low-iterations
  const dk2 = CryptoJS.PBKDF2(password, salt, { keySize: 8, iterations: 5000 });
  // ok: js.crypto.pbkdf2-low-iterations
  crypto.pbkdf2Sync(password, salt, 600000, 32, 'sha256');
  // ok: js.crypto.pbkdf2-low-iterations
  crypto.pbkdf2Sync(password, salt, ITERATIONS, 32, 'sha256');
  // ok: js.crypto.pbkdf2-low-iterations
  const dk3 = CryptoJS.PBKDF2(password, salt, { keySize: 8, iterations: 310000 });

  // ruleid: js.crypto.bcrypt-low-rounds
  bcrypt.hash(password, 8, (err, hash) => hash);
  // ruleid: js.crypto.bcrypt-low-rounds
  const s = bcryptjs.genSaltSync(4);
  // ruleid: js.crypto.bcrypt-low-rounds
  const hh = bcryptjs.hashSync(password, 6);
  // ok: js.crypto.bcrypt-low-rounds
  bcrypt.hash(password, 12);
  // ok: js.crypto.bcrypt-low-rounds
  bcrypt.hash(password, await bcrypt.genSalt());
  // ok: js.crypto.bcrypt-low-rounds
  bcryptjs.hashSync(password, settings.rounds);
}

function webhooks(req, body, secret, expected) {
  const signature = req.headers['x-hub-signature-256'];
  // ruleid: js.crypto.timing-unsafe-compare
  if (crypto.createHmac('sha256', secret).update(body).digest('hex') !== signature) return false;
  const digest = 'sha256=' + crypto.createHmac('sha256', secret).update(body).digest('hex');
  // ruleid: js.crypto.timing-unsafe-compare
  if (signature === digest) return true;
  const h = crypto.createHmac('sha1', secret);
  h.update(body);
  const mac = h.digest('base64');
  // ruleid: js.crypto.timing-unsafe-compare
  return mac == req.query.sig;
}
function webhooksOk(req, sig, a, b) {
  // ok: js.crypto.timing-unsafe-compare
  if (!sig || sig === undefined || typeof sig !== 'string') return false;
  // ok: js.crypto.timing-unsafe-compare
  if (sig.length !== 64) return false;
  const accept = crypto.createHash('sha1').update(req.headers.key + GUID).digest('base64');
  // ok: js.crypto.timing-unsafe-compare
  if (req.headers['sec-websocket-accept'] !== accept) return false;
  // ok: js.crypto.timing-unsafe-compare
  if (req.headers.algorithm === 'sha256') return crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));
  return false;
}

function padding(pub, priv, buf) {
  // ruleid: js.crypto.rsa-no-padding
  crypto.publicEncrypt({ key: pub, padding: crypto.constants.RSA_NO_PADDING }, buf);
  // ruleid: js.crypto.rsa-no-padding
  crypto.privateDecrypt({ key: priv, padding: RSA_NO_PADDING }, buf);
  // ruleid: js.crypto.rsa-no-padding
  const opts = { key: priv, padding: constants.RSA_NO_PADDING };
  // ok: js.crypto.rsa-no-padding
  crypto.publicEncrypt({ key: pub, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, buf);
  // ok: js.crypto.rsa-no-padding
  crypto.publicEncrypt(pub, buf);
  // ok: js.crypto.rsa-no-padding
  const box = { padding: 8 };
}
