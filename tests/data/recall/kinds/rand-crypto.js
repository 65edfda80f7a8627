const crypto = require('crypto');
function resetToken() {
  return crypto.randomBytes(32).toString('hex');
}
module.exports = { resetToken };
