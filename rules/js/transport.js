// Tests for transport.yaml.
const axios = require('axios');
const got = require('got');
const wsLib = require('ws');

async function cases(user, pass, token) {
  // ruleid: js.transport.cleartext-credentials
  await fetch('http://api.shop.io/v1/orders', { headers: { Authorization: `Bearer ${token}` } });
  // ruleid: js.transport.cleartext-credentials
  await axios.get('http://api.shop.io/v1/me', { auth: { username: user, password: pass } });
  // ruleid: js.transport.cleartext-credentials
  await axios.post('http://auth.shop.io/login', { username: user, password: pass });
  // ruleid: js.transport.cleartext-credentials
  await got.post('http://auth.shop.io/token', { json: { client_id: 'x' }, password: pass });
  // ok: js.transport.cleartext-credentials
  await fetch('https://api.shop.io/v1/orders', { headers: { Authorization: `Bearer ${token}` } });
  // ok: js.transport.cleartext-credentials
  await axios.post('http://localhost:3000/login', { username: user, password: pass });
  // ok: js.transport.cleartext-credentials
  await fetch('http://api.shop.io/v1/health', { headers: { Accept: 'application/json' } });
  // ok: js.transport.cleartext-credentials
  await axios.post('http://127.0.0.1:8080/token', { password: pass });

  // ruleid: js.transport.cleartext-websocket
  const a = new WebSocket('ws://chat.shop.io/socket');
  // ruleid: js.transport.cleartext-websocket
  const b = new wsLib.WebSocket('ws://10.1.2.3:9000/feed', { headers: { Authorization: token } });
  // ruleid: js.transport.cleartext-websocket
  const c = new WebSocket("ws://events.shop.io");
  // ok: js.transport.cleartext-websocket
  const d = new WebSocket('wss://chat.shop.io/socket');
  // ok: js.transport.cleartext-websocket
  const e = new WebSocket('ws://localhost:8080/hmr');
  // ok: js.transport.cleartext-websocket
  const f = new WebSocket(location.origin.replace(/^http/, 'ws') + '/live');
}
module.exports = cases;

// js.transport.cleartext-login-server: login/session routes served over HTTP.
function loginOverHttp() {
  const express = require("express");
  const app = express();
  app.post("/login", (req, res) => res.send("ok"));
  // ruleid: js.transport.cleartext-login-server
  app.listen(8080);
}
function sessionOverHttpServer() {
  const http = require("http");
  const app = require("express")();
  app.use("/api/session", sessionRouter);
  // ruleid: js.transport.cleartext-login-server
  http.createServer(app).listen(80);
}
function signinNodeHttp() {
  const { createServer } = require("node:http");
  const app = makeApp();
  app.get("/auth/signin", showForm);
  // ruleid: js.transport.cleartext-login-server
  createServer(app).listen(process.env.PORT);
}
function loginOverHttps() {
  const https = require("https");
  const app = require("express")();
  app.post("/login", handler);
  // ok: js.transport.cleartext-login-server
  https.createServer({ key, cert }, app).listen(443);
}
function noLoginRoutes() {
  const app = require("express")();
  app.get("/health", (req, res) => res.send("ok"));
  // ok: js.transport.cleartext-login-server
  app.listen(8080);
}
function loginOnLoopback() {
  const app = require("express")();
  app.post("/login", handler);
  // ok: js.transport.cleartext-login-server
  app.listen(3000, "127.0.0.1");
}
function loginWordElsewhere() {
  const app = require("express")();
  app.get("/blog/login-tips", page);
  // ok: js.transport.cleartext-login-server
  app.listen(8080);
}
