function xmlAttr(v) {
  return String(v).replace('&', '&amp;').replace('"', '&quot;');
}
module.exports = xmlAttr;
