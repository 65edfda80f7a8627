function layout(inner) {
  return '<html><body>' + inner + '</body></html>';
}

exports.renderError = function (res, message) {
  res.status(404).send(layout('<p class="error">' + message + '</p>'));
};
