// Tests for unsafe-data.yaml.
const serialize = require('node-serialize');

function merge(target, key, sub, value, input, word, lib) {
  // ruleid: js.prototype-pollution.proto-write
  target.__proto__.isAdmin = true;
  // ruleid: js.prototype-pollution.proto-write
  target['__proto__'][key] = value;
  // ruleid: js.prototype-pollution.proto-write
  target.constructor.prototype[sub] = value;
  // ok: js.prototype-pollution.proto-write
  target[key] = value;
  // ok: js.prototype-pollution.proto-write
  Merge.prototype.run = function () {};
  // ok: js.prototype-pollution.proto-write
  const proto = target.__proto__;

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
