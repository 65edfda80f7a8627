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
