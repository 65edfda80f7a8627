// Sinks of the cross-file test; app.js passes request values.
const escapeHtml = require('escape-html');
const { layout } = require('./layout');

exports.greet = function greet(res, name) {
  // app.js passes req.query.name; layout() (layout.js) wraps it unescaped.
  // ruleid: js.taint.xss
  res.send(layout(`<p>Hello ${name}</p>`));
};

exports.greetEscaped = function greetEscaped(res, name) {
  // ok: js.taint.xss
  res.send(layout(`<p>Hello ${escapeHtml(name)}</p>`));
};

exports.about = function about(res) {
  // ok: js.taint.xss
  res.send(layout('<p>About</p>'));
};
