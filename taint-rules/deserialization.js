// Tests for deserialization.yaml (js.taint.deserialization).
const express = require('express');
const serialize = require('node-serialize');
const yaml = require('js-yaml');
const serializeJs = require('serialize-javascript');
const { ipcMain } = require('electron');

const app = express();

app.get('/profile', (req, res) => {
  // A cookie holding {"rce":"_$$ND_FUNC$$_function(){...}()"} runs code.
  const raw = Buffer.from(req.cookies.profile, 'base64').toString();
  // ruleid: js.taint.deserialization
  const profile = serialize.unserialize(raw);
  res.json(profile);
});

app.post('/import', (req, res) => {
  // js-yaml < 4: load() understands !!js/function.
  // ruleid: js.taint.deserialization
  const doc = yaml.load(req.body.yaml);
  res.json(doc);
});

app.post('/import-safe', (req, res) => {
  // ok: js.taint.deserialization
  const doc = yaml.load(req.body.yaml, { schema: yaml.JSON_SCHEMA });
  res.json(doc);
});

app.post('/import-json', (req, res) => {
  // ok: js.taint.deserialization
  res.json(JSON.parse(req.body.json));
});

app.post('/state', (req, res) => {
  // serialize-javascript output is read back with eval.
  // ruleid: js.taint.deserialization
  const state = eval('(' + req.body.state + ')');
  res.json(state);
});

app.get('/state-own', (req, res) => {
  // The serialised text is the server's own (a constant object).
  const text = serializeJs({ when: new Date(0) });
  // ok: js.taint.deserialization
  const state = eval('(' + text + ')');
  res.json(state);
});

app.get('/fixture', (req, res) => {
  let src = req.query.src;
  src = 'a: 1';
  // ok: js.taint.deserialization
  res.json(yaml.load(src));
});

function readSession(req) {
  return req.headers['x-session'];
}

app.get('/session', (req, res) => {
  // Cross-function: the helper returns a request header.
  // ruleid: js.taint.deserialization
  res.json(serialize.unserialize(readSession(req)));
});

function parseConfig(text) {
  // ruleid: js.taint.deserialization
  return yaml.load(text);
}

function parseSafeConfig(text) {
  // Called only with the server's own file content (a constant here).
  // ok: js.taint.deserialization
  return yaml.load(text);
}

app.post('/config', (req, res) => {
  res.json({ user: parseConfig(req.body.config), base: parseSafeConfig('debug: false') });
});

ipcMain.handle('load-workspace', async (event, text) => {
  // ruleid: js.taint.deserialization
  return yaml.loadAll(text);
});

// --- cryo, v8, serialize-javascript ------------------------------------------------

const Cryo = require('cryo');
const v8 = require('node:v8');

app.post('/state', (req, res) => {
  // ruleid: js.taint.deserialization
  const state = Cryo.parse(req.body.state);
  // ruleid: js.taint.deserialization
  const snap = v8.deserialize(Buffer.from(req.body.snapshot, 'base64'));
  // ruleid: js.taint.deserialization
  const page = `<script>window.__STATE__ = ${serializeJs(req.body.prefs, { unsafe: true })}</script>`;
  // ok: js.taint.deserialization
  const plain = JSON.parse(req.body.state);
  // ok: js.taint.deserialization
  const safePage = `<script>window.__STATE__ = ${serializeJs(req.body.prefs, { isJSON: true })}</script>`;
  // ok: js.taint.deserialization
  const mine = v8.deserialize(v8.serialize({ a: 1 }));
  // ok: js.taint.deserialization
  const out = Cryo.stringify(req.body.state);
  res.send(page + safePage + JSON.stringify({ state, snap, plain, mine, out }));
});

module.exports = app;
