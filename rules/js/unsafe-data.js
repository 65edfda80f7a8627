// Tests for unsafe-data.yaml.
const serialize = require('node-serialize');

function merge(target, key, sub, value, input, word, lib) {

  // ruleid: js.deserialization.unserialize
  serialize.unserialize(input);
  // ruleid: js.deserialization.unserialize
  const obj = lib.deserialize(input.body);
  // ruleid: js.deserialization.unserialize
  unserialize(input);
  // ok: js.deserialization.unserialize
  JSON.parse(input);
  // ok: js.deserialization.unserialize
  serialize.serialize(obj);
  // ok: js.deserialization.unserialize
  lib.unserialized = true;

  // ruleid: js.redos.dynamic-regexp
  new RegExp(input.pattern);
  // ruleid: js.redos.dynamic-regexp
  new RegExp('^' + word + '$', 'i');
  // ruleid: js.redos.dynamic-regexp
  RegExp(`(${word})+`);
  // ok: js.redos.dynamic-regexp
  new RegExp('^[a-z]+$');
  // ok: js.redos.dynamic-regexp
  new RegExp(escapeRegExp(word));
  // ok: js.redos.dynamic-regexp
  new RegExp(/ab+c/, 'i');
  return proto;
}
function Merge() {}
module.exports = { merge, Merge };
