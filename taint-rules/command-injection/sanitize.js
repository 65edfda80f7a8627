// Sanitizer wrapper for the cross-file test: quote() is a sanitizer, so
// what safeArg returns is clean.
const { quote } = require('shell-quote');

function safeArg(value) {
  return quote([String(value)]);
}

module.exports = { safeArg };
