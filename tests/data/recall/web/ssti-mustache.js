const Mustache = require('mustache');

function renderWidget(req, res) {
  const view = { title: 'Widget' };
  const output = Mustache.render(req.query.tpl, view);
  res.send(output);
}

module.exports = { renderWidget };
