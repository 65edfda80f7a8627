const serialize = require('serialize-javascript');

module.exports = function page(req, res) {
  const state = { user: req.query.user, theme: 'light' };
  res.send(`<script>window.__STATE__ = ${serialize(state, { unsafe: true })}</script>`);
};
