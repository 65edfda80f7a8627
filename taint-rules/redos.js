// Tests for redos.yaml (js.taint.redos).
const express = require('express');
const escapeStringRegexp = require('escape-string-regexp');
const _ = require('lodash');
const WebSocket = require('ws');

const app = express();
const docs = ['alpha', 'beta', 'gamma'];

app.get('/search', (req, res) => {
  // ruleid: js.taint.redos
  const re = new RegExp(req.query.q, 'i');
  res.json(docs.filter((d) => re.test(d)));
});

app.get('/search-escaped', (req, res) => {
  // ok: js.taint.redos
  const re = new RegExp(escapeStringRegexp(req.query.q), 'i');
  res.json(docs.filter((d) => re.test(d)));
});

app.get('/search-lodash', (req, res) => {
  // ok: js.taint.redos
  const re = new RegExp('^' + _.escapeRegExp(req.query.prefix));
  res.json(docs.filter((d) => re.test(d)));
});

app.get('/search-mdn', (req, res) => {
  const term = req.query.q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // ok: js.taint.redos
  const re = RegExp(term);
  res.json(docs.filter((d) => re.test(d)));
});

app.get('/includes', (req, res) => {
  // ok: js.taint.redos
  const re = new RegExp('^[a-z]+$');
  res.json(docs.filter((d) => d.includes(req.query.q) && re.test(d)));
});

function wordPattern(word) {
  return `\\b${word}\\b`;
}

app.get('/word', (req, res) => {
  // Cross-function: the helper wraps the raw term.
  // ruleid: js.taint.redos
  const re = new RegExp(wordPattern(req.query.w), 'g');
  res.json({ n: (docs.join(' ').match(re) || []).length });
});

function compileFilter(src) {
  // Called below with a query value and with a constant: the tainted call wins.
  // ruleid: js.taint.redos
  return new RegExp(src);
}

function escapeForRegExp(s) {
  return escapeStringRegexp(s);
}

app.get('/filter', (req, res) => {
  const re = compileFilter(req.query.filter);
  res.json(docs.filter((d) => re.test(d)));
});

app.get('/filter-escaped', (req, res) => {
  // The sanitizer sits in a helper.
  // ok: js.taint.redos
  const re = new RegExp(escapeForRegExp(req.query.filter));
  res.json(docs.filter((d) => re.test(d)));
});

const WORDS = compileFilter('^[a-z]+$');

const wss = new WebSocket.Server({ port: 8082 });
wss.on('connection', (ws) => {
  ws.on('message', (data) => {
    const { filter } = JSON.parse(data);
    // ruleid: js.taint.redos
    const re = RegExp(filter);
    ws.send(JSON.stringify(docs.filter((d) => re.test(d))));
  });
});

module.exports = app;
