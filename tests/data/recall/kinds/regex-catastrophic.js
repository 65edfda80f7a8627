function isEmail(s) {
  return /^([a-zA-Z0-9]+)*@example\.com$/.test(s);
}
module.exports = isEmail;
