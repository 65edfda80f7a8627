// Tests for prototype-pollution.yaml (js.taint.prototype-pollution).
const express = require('express');
const _ = require('lodash');
const { ipcMain } = require('electron');

const app = express();
const settings = {};
const SECTIONS = ['editor', 'theme', 'keys'];

app.post('/settings', (req, res) => {
  const { section, key, value } = req.body;
  // section = "__proto__" writes onto Object.prototype.
  // ruleid: js.taint.prototype-pollution
  settings[section][key] = value;
  res.end();
});

app.post('/settings-safe', (req, res) => {
  const { section, key, value } = req.body;
  if (SECTIONS.includes(section)) {
    // ok: js.taint.prototype-pollution
    settings[section][key] = value;
  }
  res.end();
});

app.post('/settings-own', (req, res) => {
  const { section, key, value } = req.body;
  if (Object.hasOwn(settings, section)) {
    // ok: js.taint.prototype-pollution
    settings[section][key] = value;
  }
  res.end();
});

app.post('/settings-fixed', (req, res) => {
  // Only the value is outside input; the key path is fixed.
  // ok: js.taint.prototype-pollution
  settings['editor'][req.body.key === 'x' ? 'x' : 'y'] = req.body.value;
  res.end();
});

app.patch('/prefs', (req, res) => {
  // ruleid: js.taint.prototype-pollution
  _.set(settings, req.query.path, req.query.value);
  res.end();
});

app.put('/config', (req, res) => {
  const incoming = JSON.parse(req.body.json);
  // ruleid: js.taint.prototype-pollution
  _.merge(settings, incoming);
  res.end();
});

app.put('/config-defaults', (req, res) => {
  // The merged object is a constant: no outside keys.
  // ok: js.taint.prototype-pollution
  _.merge(settings, { editor: { tabSize: 2 } });
  res.end();
});

// --- cross-function ------------------------------------------------------------------

function assignPath(target, dotted, value) {
  const parts = dotted.split('.');
  // parts[0] comes from the caller's request.
  // ruleid: js.taint.prototype-pollution
  target[parts[0]][parts[1]] = value;
}

app.post('/assign', (req, res) => {
  assignPath(settings, req.body.path, req.body.value);
  res.end();
});

function store(table, id, field, v) {
  // Both keys are numbers from parseInt at the only call site.
  // ok: js.taint.prototype-pollution
  table[id][field] = v;
}

app.post('/cell', (req, res) => {
  store([[0]], parseInt(req.body.row, 10), parseInt(req.body.col, 10), req.body.v);
  res.end();
});

// --- other sources ---------------------------------------------------------------------

window.addEventListener('message', (e) => {
  const state = {};
  // ruleid: js.taint.prototype-pollution
  _.defaultsDeep(state, e.data.patch);
});

ipcMain.on('set-pref', (event, ns, name, value) => {
  // ruleid: js.taint.prototype-pollution
  settings[ns][name] = value;
});

module.exports = app;

// --- hand-written recursive merges, zipObjectDeep, single-statement checks ----------

function deepMerge(target, source) {
  for (const key in source) {
    if (typeof source[key] === 'object' && source[key] !== null) {
      if (!target[key]) target[key] = {};
      // key = "__proto__": target[key] is Object.prototype, written below.
      // ruleid: js.taint.prototype-pollution
      deepMerge(target[key], source[key]);
    } else {
      target[key] = source[key];
    }
  }
  return target;
}

function mergeInto(target, source) {
  Object.keys(source).forEach((k) => {
    // ruleid: js.taint.prototype-pollution
    if (typeof source[k] === 'object') mergeInto(target[k], source[k]);
    else target[k] = source[k];
  });
}

function extendDeep(target, source) {
  for (const [k, v] of Object.entries(source)) {
    if (typeof v !== 'object') {
      target[k] = v;
      continue;
    }
    target[k] = target[k] || {};
    // The engine does not yet taint the names a for-of array pattern binds
    // (for (const [k, v] of Object.entries(o))): a known miss.
    // todoruleid: js.taint.prototype-pollution
    extendDeep(target[k], v);
  }
}

function safeMerge(target, source) {
  for (const key in source) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    if (typeof source[key] === 'object') {
      target[key] = target[key] || {};
      // ok: js.taint.prototype-pollution
      safeMerge(target[key], source[key]);
    } else {
      target[key] = source[key];
    }
  }
}

const UNSAFE_KEYS = ['__proto__', 'constructor', 'prototype'];
function mergeChecked(target, source) {
  for (const key of Object.keys(source)) {
    if (UNSAFE_KEYS.includes(key)) continue;
    // ok: js.taint.prototype-pollution
    if (typeof source[key] === 'object') mergeChecked(target[key] || (target[key] = {}), source[key]);
    else target[key] = source[key];
  }
}

function deepEqual(a, b) {
  for (const k in a) {
    // Comparing reads a[k]; it writes nothing.
    // ok: js.taint.prototype-pollution
    if (!deepEqual(a[k], b[k])) return false;
  }
  return true;
}

app.post('/merge-hand', (req, res) => {
  deepMerge(settings, req.body);
  mergeInto(settings, req.body);
  extendDeep(settings, JSON.parse(req.body.json));
  safeMerge(settings, req.body);
  mergeChecked(settings, req.body);
  res.json({ same: deepEqual(settings, req.body) });
});

app.post('/zip', (req, res) => {
  // ruleid: js.taint.prototype-pollution
  const a = _.zipObjectDeep(req.body.paths, req.body.values);
  // ok: js.taint.prototype-pollution
  const b = _.zipObjectDeep(['editor.tabSize', 'theme.name'], req.body.values);
  res.json({ a, b });
});

app.post('/settings-own-short', (req, res) => {
  const { section, key, value } = req.body;
  // ok: js.taint.prototype-pollution
  if (Object.hasOwn(settings, section)) settings[section][key] = value;
  // ruleid: js.taint.prototype-pollution
  settings[section][key] = value;
  res.end();
});

// A merge that builds a new object and uses the recursive call's result
// writes nothing into the arguments.
function mergeValues(a, b) {
  const out = { ...a, ...b };
  for (const key of Object.keys(a)) {
    // ok: js.taint.prototype-pollution
    const merged = mergeValues(a[key], b[key]);
    out[key] = merged;
  }
  return out;
}

app.post('/merge-values', (req, res) => {
  res.json(mergeValues(settings, req.body));
});

// lodash's per-method modules, and an outside object in any source position.
const defaultsDeep = require('lodash.defaultsdeep');
const lodashSetWith = require('lodash/setWith');
const lodashMerge = require('lodash/merge');

app.post('/per-method', (req, res) => {
  const body = JSON.parse(req.body.raw);
  // ruleid: js.taint.prototype-pollution
  const a = defaultsDeep({}, body, { retries: 3 });
  // ruleid: js.taint.prototype-pollution
  lodashSetWith(settings, req.body.path, req.body.value, Object);
  // ruleid: js.taint.prototype-pollution
  _.merge(settings, { theme: 'dark' }, req.body, { locked: true });
  // ok: js.taint.prototype-pollution
  const b = defaultsDeep({}, { retries: 3 }, { timeout: 10 });
  // ok: js.taint.prototype-pollution
  lodashSetWith(settings, 'editor.tabSize', req.body.value, Object);
  // The outside object is the target here: its own keys are not walked.
  // ok: js.taint.prototype-pollution
  lodashMerge(req.body, { theme: 'dark' });
  res.json({ a, b });
});

// Deep merges and key-path setters of other packages.
const extend = require('extend');
const { unflatten } = require('flat');
const dot = require('dot-object');
const { dset } = require('dset');
const mixinDeep = require('mixin-deep');

app.post('/more-merges', (req, res) => {
  // ruleid: js.taint.prototype-pollution
  const a = extend(true, {}, settings, req.body);
  // A shallow extend copies own keys: __proto__ from JSON is an own key, not the prototype.
  // ok: js.taint.prototype-pollution
  const b = extend({}, settings, req.body);
  // ruleid: js.taint.prototype-pollution
  const c = unflatten(req.body);
  // ok: js.taint.prototype-pollution
  const d = unflatten({ 'ui.theme': 'dark' });
  // ruleid: js.taint.prototype-pollution
  dot.str(req.body.field, req.body.value, settings);
  // ok: js.taint.prototype-pollution
  dot.str('ui.theme', req.body.value, settings);
  // ruleid: js.taint.prototype-pollution
  dset(settings, req.body.path, req.body.value);
  // ok: js.taint.prototype-pollution
  dset(settings, ['ui', 'theme'], req.body.value);
  // ruleid: js.taint.prototype-pollution
  mixinDeep(settings, req.body);
  res.json({ a, b, c, d });
});

// Keys taken from an outside object by a destructuring for...of.
app.post('/registry', (req, res) => {
  const registry = {};
  for (const [group, entries] of Object.entries(req.body)) {
    for (const [k, v] of Object.entries(entries)) {
      // ruleid: js.taint.prototype-pollution
      registry[group][k] = v;
    }
  }
  for (const { ns, key, value } of req.body.items) {
    // ruleid: js.taint.prototype-pollution
    registry[ns][key] = value;
  }
  for (const [group] of Object.entries(SECTIONS)) {
    // ok: js.taint.prototype-pollution
    registry[group][req.body.key] = 1;
  }
  for (const { ns } of [{ ns: 'editor' }, { ns: 'theme' }]) {
    // ok: js.taint.prototype-pollution
    registry[ns][req.body.key] = 1;
  }
  res.json(registry);
});
