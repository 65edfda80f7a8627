const crypto = require('crypto');
function encrypt(key, iv, text) {
  const c = crypto.createCipheriv('des-ede3-cbc', key, iv);
  return c.update(text, 'utf8', 'hex') + c.final('hex');
}
module.exports = encrypt;
