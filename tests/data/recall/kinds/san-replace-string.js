function escapeHtml(s) {
  return s.replace('<', '&lt;').replace('>', '&gt;');
}
module.exports = escapeHtml;
