// A pass-through helper of the cross-file test: the result carries the
// argument's taint.
exports.layout = function layout(body) {
  return `<!doctype html><html><body>${body}</body></html>`;
};
