// Tests for capabilities.yaml: capability evidence, not vulnerabilities.
// ruleid: cap.exec.child-process
const cp = require('child_process');
// ruleid: cap.exec.child-process
const { spawn } = require("node:child_process");
// ok: cap.exec.child-process
const childish = require('child_process_helper');
// ok: cap.exec.child-process
const label = 'child_process';

// ruleid: cap.net.module
const https = require('node:https');
// ruleid: cap.net.module
const net = require('net');
// ok: cap.net.module
const httpUtil = require('./http');
// ok: cap.net.module
const netmask = require('netmask');

async function load(url) {
  // ruleid: cap.net.web-api
  const res = await fetch(url);
  // ruleid: cap.net.web-api
  const ws = new WebSocket(url);
  // ok: cap.net.web-api
  const cached = prefetch(url);
  // ok: cap.net.web-api
  const w = new Worker(url);
  return [res, ws, cached, w];
}

function save(fs, path, data, list) {
  // ruleid: cap.fs-write.call
  fs.writeFileSync(path, data);
  // ruleid: cap.fs-write.call
  fs.createWriteStream(path).end(data);
  // ok: cap.fs-write.call
  fs.readFileSync(path);
  // ok: cap.fs-write.call
  list.write(data);
  // ruleid: cap.fs-write.fs-method
  fs.mkdir(path, () => {});
  // ruleid: cap.fs-write.fs-method
  fs.promises.rm(path);
  // ok: cap.fs-write.fs-method
  list.rename(path);
  // ok: cap.fs-write.fs-method
  fs.stat(path, () => {});
}

function settings() {
  // ruleid: cap.env.read
  const token = process.env.API_TOKEN;
  // ruleid: cap.env.read
  const home = process.env['HOME'];
  // ok: cap.env.read
  const mode = process.env.NODE_ENV;
  // ok: cap.env.read
  const other = config.env.API_TOKEN;
  return [token, home, mode, other];
}

// ruleid: cap.native.addon
const addon = require('./build/Release/addon.node');
// ruleid: cap.native.addon
const bindings = require('bindings');
// ok: cap.native.addon
const nodeish = require('./node');
// ok: cap.native.addon
const mod = require('./addon.node.js');

module.exports = { cp, spawn, childish, label, https, net, httpUtil, netmask, load, save, settings, addon, bindings, nodeish, mod };
