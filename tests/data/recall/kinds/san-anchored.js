function stripPrefix(p) {
  return p.replace(/^\//, '').replace('.js', '');
}
module.exports = stripPrefix;
