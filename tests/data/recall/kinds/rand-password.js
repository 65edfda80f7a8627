const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';
function generatePassword(len) {
  let password = '';
  for (let i = 0; i < len; i++) password += chars[Math.floor(Math.random() * chars.length)];
  return password;
}
module.exports = generatePassword;
