// Tests for unsafe-data.yaml.
const serialize = require('node-serialize');
import { unserialize as unser } from 'node-serialize';
const s2j = require('serialize-to-js');
const yaml = require('js-yaml');
import { load as yload, loadAll } from 'js-yaml';
import * as YAML from 'js-yaml';
const jsTypes = require('js-yaml-js-types');
const serializeJs = require('serialize-javascript');
import toSource from 'serialize-javascript';
const _ = require('lodash');
import { merge as deepMerge, defaultsDeep } from 'lodash';
import merge from 'lodash.merge';
const dm = require('deepmerge');

function cases(target, key, sub, value, input, word, lib, text, req, state) {
  // ruleid: js.deserialization.unserialize
  serialize.unserialize(input);
  // ruleid: js.deserialization.unserialize
  const obj = unser(input.body);
  // ruleid: js.deserialization.unserialize
  s2j.deserialize(input);
  // ok: js.deserialization.unserialize
  JSON.parse(input);
  // ok: js.deserialization.unserialize
  serialize.serialize(obj);
  // ok: js.deserialization.unserialize
  lib.deserialize(input);
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
  // ok: js.redos.dynamic-regexp
  new RegExp(_.escapeRegExp(word) + '$');

  // ruleid: js.redos.catastrophic-regex
  const email = /^([a-zA-Z0-9_.-]+)+@example\.com$/;
  // ruleid: js.redos.catastrophic-regex
  if (/^(\w+\s?)*$/i.test(input.name)) {}
  // ruleid: js.redos.catastrophic-regex
  const words = input.text.replace(/(\s|\t)+$/, "");
  // ruleid: js.redos.catastrophic-regex
  const quoted = new RegExp('"(\\\\.|[^"])*"', 'g');
  // ruleid: js.redos.catastrophic-regex
  const rows = RegExp(`^(\\d+,?)*$`);
  // ok: js.redos.catastrophic-regex
  const domain = /^(?:[a-z0-9-]+\.)+[a-z]{2,}$/;
  // ok: js.redos.catastrophic-regex
  const str = new RegExp('"(\\\\.|[^"\\\\])*"', 'g');
  // ok: js.redos.catastrophic-regex
  const ip = /^\d{1,3}(\.\d{1,3}){3}$/;
  // ok: js.redos.catastrophic-regex
  const csv = input.text.split(/\s*,\s*/);
  // ok: js.redos.catastrophic-regex
  const broken = new RegExp('(a+', 'g');

  // ruleid: js.deserialization.js-yaml-load
  const cfg = yaml.load(text);
  // ruleid: js.deserialization.js-yaml-load
  yload(req.body);
  // ruleid: js.deserialization.js-yaml-load
  YAML.load(text, { schema: YAML.DEFAULT_FULL_SCHEMA });
  // ruleid: js.deserialization.js-yaml-load
  yaml.load(text, { schema: yaml.DEFAULT_SCHEMA.extend(jsTypes.all) });
  // ruleid: js.deserialization.js-yaml-load
  loadAll(text);
  // ok: js.deserialization.js-yaml-load
  yaml.safeLoad(text);
  // ok: js.deserialization.js-yaml-load
  yaml.load(text, { schema: yaml.JSON_SCHEMA });
  // ok: js.deserialization.js-yaml-load
  yaml.load(text, { schema: yaml.FAILSAFE_SCHEMA, json: true });
  // ok: js.deserialization.js-yaml-load
  other.load(text);

  // ruleid: js.deserialization.serialize-javascript-unsafe
  const page = `<script>window.__STATE__ = ${serializeJs(state, { unsafe: true })}</script>`;
  // ruleid: js.deserialization.serialize-javascript-unsafe
  toSource(req.body, { isJSON: true, unsafe: true });
  // ruleid: js.deserialization.serialize-javascript-unsafe
  require('serialize-javascript')(state, { space: 2, unsafe: true });
  // ok: js.deserialization.serialize-javascript-unsafe
  serializeJs(state, { isJSON: true });
  // ok: js.deserialization.serialize-javascript-unsafe
  serializeJs(state);
  // ok: js.deserialization.serialize-javascript-unsafe
  other(state, { unsafe: true });

  // ruleid: js.prototype-pollution.recursive-merge
  _.merge(target, req.body);
  // ruleid: js.prototype-pollution.recursive-merge
  deepMerge({}, state, JSON.parse(text));
  // ruleid: js.prototype-pollution.recursive-merge
  merge(target, req.query.options);
  // ruleid: js.prototype-pollution.recursive-merge
  dm(target, JSON.parse(text));
  // ruleid: js.prototype-pollution.recursive-merge
  $.extend(true, target, req.body);
  // ruleid: js.prototype-pollution.recursive-merge
  defaultsDeep(target, req.body.settings);
  // ok: js.prototype-pollution.recursive-merge
  _.merge(target, { a: 1 });
  // ok: js.prototype-pollution.recursive-merge
  Object.assign(target, req.body);
  // ok: js.prototype-pollution.recursive-merge
  $.extend(target, req.body);
  // ok: js.prototype-pollution.recursive-merge
  _.merge(req.body, defaults);
  return [cfg, page];
}
module.exports = { cases };
