// A render helper: the view and its locals are the caller's.
function renderPage(res, name, locals) {
  res.render(name, locals);
}

module.exports = { renderPage };
