// Tests for ssrf.yaml (js.taint.ssrf).
const express = require('express');
const axios = require('axios');
const https = require('https');
const http = require('node:http');
const { ipcMain } = require('electron');

const app = express();
const ALLOWED_HOSTS = new Set(['api.github.com', 'registry.npmjs.org']);

app.get('/proxy', async (req, res) => {
  // ruleid: js.taint.ssrf
  const r = await fetch(req.query.url);
  res.send(await r.text());
});

app.get('/preview', async (req, res) => {
  const { target } = req.query;
  // ruleid: js.taint.ssrf
  const { data } = await axios.get(target, { timeout: 2000 });
  res.send(data);
});

app.post('/webhook-test', (req, res) => {
  const hook = req.body.hook;
  // ruleid: js.taint.ssrf
  https.get(hook, (r) => r.pipe(res));
});

app.get('/img', (req, res) => {
  // ruleid: js.taint.ssrf
  http.request(`http://${req.headers['x-image-host']}/img.png`, (r) => r.pipe(res)).end();
});

app.get('/relative', async (req, res) => {
  // new URL(path, base): an absolute or //host path replaces the base host.
  const u = new URL(req.query.path, 'https://api.example.com');
  // ruleid: js.taint.ssrf
  const r = await fetch(u);
  res.send(await r.text());
});

// --- sanitizers and fixed hosts -------------------------------------------------

app.get('/user', async (req, res) => {
  // ok: js.taint.ssrf
  const r = await fetch('https://api.example.com/users/' + encodeURIComponent(req.query.id));
  res.json(await r.json());
});

app.get('/repo', async (req, res) => {
  // A fixed scheme and host before the outside value.
  // ok: js.taint.ssrf
  const r = await axios.get('https://api.github.com/repos/' + req.query.repo);
  res.json(r.data);
});

app.get('/allowed', async (req, res) => {
  const host = req.query.host;
  if (ALLOWED_HOSTS.has(host)) {
    // ok: js.taint.ssrf
    const r = await fetch(`https://${host}/status`);
    return res.send(await r.text());
  }
  res.status(400).end();
});

app.get('/body-only', async (req, res) => {
  // The request value is sent as data to a fixed URL, not used as the address.
  // ok: js.taint.ssrf
  await axios.post('https://api.example.com/search', { q: req.query.q });
  res.end();
});

// --- cross-function, promises ----------------------------------------------------------

function avatarUrl(profile) {
  return profile.avatar;
}

app.post('/profile', async (req, res) => {
  const url = avatarUrl(req.body);
  // ruleid: js.taint.ssrf
  const img = await fetch(url);
  res.send(Buffer.from(await img.arrayBuffer()));
});

function resolveTarget(req) {
  return new Promise((resolve) => resolve(req.body.callback));
}

app.post('/notify', (req, res) => {
  // ruleid: js.taint.ssrf
  resolveTarget(req).then((cb) => axios.post(cb, { ok: true }));
  res.end();
});

function apiUrl(path) {
  return 'https://api.example.com/v2/' + encodeURIComponent(path);
}

function download(url) {
  // Called from /mirror with a request value.
  // ruleid: js.taint.ssrf
  return axios.get(url, { responseType: 'arraybuffer' });
}

app.get('/mirror', async (req, res) => {
  res.send((await download(req.query.src)).data);
});

app.get('/item', async (req, res) => {
  // The helper fixes the host and encodes the value.
  // ok: js.taint.ssrf
  const r = await fetch(apiUrl(req.query.item));
  res.json(await r.json());
});

ipcMain.handle('fetch-feed', async (event, feedUrl) => {
  // ruleid: js.taint.ssrf
  const r = await fetch(feedUrl);
  return r.text();
});

module.exports = app;

// --- undici, node-fetch, needle, request, superagent, sockets -------------------------

const { request: undiciRequest, Client } = require('undici');
const nodeFetch = require('node-fetch');
const needle = require('needle');
const requestLib = require('request');
const superagent = require('superagent');
const net = require('net');
const got = require('got');

app.get('/more', async (req, res) => {
  const { target, host, id } = req.query;
  // ruleid: js.taint.ssrf
  const { body } = await undiciRequest(target);
  // ruleid: js.taint.ssrf
  const client = new Client(target);
  // ruleid: js.taint.ssrf
  await nodeFetch(`${target}/status`);
  // ruleid: js.taint.ssrf
  needle.get(target, () => {});
  // ruleid: js.taint.ssrf
  requestLib(target).pipe(res);
  // ruleid: js.taint.ssrf
  await superagent.get(target).set('Accept', 'application/json');
  // ruleid: js.taint.ssrf
  await axios.options(target);
  // ruleid: js.taint.ssrf
  await got.delete(target);
  // ruleid: js.taint.ssrf
  net.connect({ host: host, port: 6379 });
  // A shorthand host: the options object stands for it.
  // ruleid: js.taint.ssrf
  net.connect({ host, port: 6380 });
  const hostname = 'cache.internal';
  // ok: js.taint.ssrf
  https.get({ hostname, path: '/items/' + encodeURIComponent(id) });
  // ruleid: js.taint.ssrf
  net.createConnection(25, host);
  // A fixed scheme and host with the outside value in the path.
  // ok: js.taint.ssrf
  await undiciRequest('https://api.example.com/items/' + id);
  // ok: js.taint.ssrf
  await nodeFetch(`https://api.example.com/items/${encodeURIComponent(id)}`);
  // ok: js.taint.ssrf
  needle.get(`https://api.example.com/items/${id}/status`, () => {});
  // ruleid: js.taint.ssrf
  needle.get(`https://api.example.com${id}`, () => {});
  // ok: js.taint.ssrf
  await superagent.post('https://api.example.com/items').send({ id });
  // ok: js.taint.ssrf
  net.connect({ host: 'localhost', port: Number(req.query.port) });
  res.json({ body, client });
});

// --- config objects and axios instances ----------------------------------------------

const api = axios.create({ baseURL: 'https://api.example.com/', timeout: 2000 });

app.get('/config', async (req, res) => {
  const target = req.query.url;
  // ruleid: js.taint.ssrf
  await axios({ method: 'get', url: target });
  // A query parameter or a body in the config is not the address.
  // ok: js.taint.ssrf
  await axios({ url: 'https://api.example.com/search', params: { q: target } });
  // ruleid: js.taint.ssrf
  await axios.request({ url: target, data: { a: 1 } });
  // ok: js.taint.ssrf
  await axios.request({ url: 'https://api.example.com/items', data: { q: target } });
  // ruleid: js.taint.ssrf
  const other = axios.create({ baseURL: target });
  // ruleid: js.taint.ssrf
  https.request({ hostname: target, path: '/' });
  // ok: js.taint.ssrf
  https.request({ hostname: 'api.example.com', path: '/items', headers: { 'X-Q': target } });
  // ruleid: js.taint.ssrf
  await got({ url: target, responseType: 'json' });
  // ok: js.taint.ssrf
  await got({ url: 'https://api.example.com/items', searchParams: { q: target } });
  res.json({ other });
});

app.get('/instance', async (req, res) => {
  const target = req.query.url;
  // An absolute URL given to an instance replaces its baseURL.
  // ruleid: js.taint.ssrf
  const a = await api.get(target);
  // ruleid: js.taint.ssrf
  const b = await api.post(target, { x: 1 });
  // ruleid: js.taint.ssrf
  const c = await api({ url: target });
  // A fixed relative path keeps the instance's host.
  // ok: js.taint.ssrf
  const d = await api.get('/items/' + target);
  // ok: js.taint.ssrf
  const e = await api.get(`/items/${target}`);
  // '/' + x can make //evil.example/...: a protocol-relative URL.
  // ruleid: js.taint.ssrf
  const f = await api.get('/' + target);
  // ok: js.taint.ssrf
  const g = await api.post('/items', { url: target });
  res.json({ a, b, c, d, e, f, g });
});

// A shorthand url in a config object; a parsed URL whose host is checked.
const ALLOWED_HOSTS = ['images.example.com', 'cdn.example.com'];

app.post('/hooks', async (req, res) => {
  const { url, event } = req.body;
  // ruleid: js.taint.ssrf
  await axios.request({ url, method: 'POST', data: { event } });
  // ruleid: js.taint.ssrf
  await axios({ method: 'GET', url });
  // The shorthand is the body, not the address.
  // ok: js.taint.ssrf
  await axios({ url: 'https://hooks.example.com/in', method: 'POST', data: event });
  res.end();
});

app.post('/avatar', (req, res) => {
  const u = new URL(req.body.imageUrl);
  if (!ALLOWED_HOSTS.includes(u.hostname)) return res.sendStatus(400);
  // ok: js.taint.ssrf
  https.get(u, (r) => r.pipe(res));
});

app.post('/avatar-one-host', (req, res) => {
  const u = new URL(req.body.imageUrl);
  if (u.hostname !== 'images.example.com') throw new Error('host');
  // ok: js.taint.ssrf
  https.get(u, (r) => r.pipe(res));
});

app.post('/avatar-unchecked', (req, res) => {
  const u = new URL(req.body.imageUrl);
  // ruleid: js.taint.ssrf
  https.get(u, (r) => r.pipe(res));
});

app.post('/avatar-logged', (req, res) => {
  const u = new URL(req.body.imageUrl);
  // A check that does not leave cleans nothing.
  if (!ALLOWED_HOSTS.includes(u.hostname)) console.warn('unknown host', u.hostname);
  // ruleid: js.taint.ssrf
  https.get(u, (r) => r.pipe(res));
});

app.post('/avatar-other', (req, res) => {
  const u = new URL(req.body.imageUrl);
  const v = new URL(req.body.fallbackUrl);
  if (!ALLOWED_HOSTS.includes(u.hostname)) return res.sendStatus(400);
  // The check was on another URL.
  // ruleid: js.taint.ssrf
  https.get(v, (r) => r.pipe(res));
});
