function isEmail(s) {
  return /^[a-zA-Z0-9._-]+@example\.com$/.test(s);
}
module.exports = isEmail;
