function headerSafe(v) {
  return String(v).replace(/\r\n/, '');
}
module.exports = headerSafe;
