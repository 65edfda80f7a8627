// Tests for unsafe-reflection.yaml.
const actions = require('./actions');
const shapes = require('./shapes');
const express = require('express');
const app = express();
const ALLOWED = ['list', 'get', 'count'];
const prices = { apple: 1, pear: 2 };
const handlers = new Map([['sum', (a) => a], ['avg', (a) => a]]);

app.post('/run', (req, res) => {
  // todoruleid: js.taint.unsafe-reflection
  const a = actions[req.body.action](req.body.args);
  const { type, size } = req.body;
  // ruleid: js.taint.unsafe-reflection
  const Shape = shapes[type];
  const s = new Shape(size);
  // ruleid: js.taint.unsafe-reflection
  const fn = global[req.query.fn];
  const v = fn(req.query.arg);
  // todoruleid: js.taint.unsafe-reflection
  this[req.params.method].call(this, req.body);
  // ruleid: js.taint.unsafe-reflection
  const m = this[req.params.method];
  m.call(this, req.body);
  // ok: js.taint.unsafe-reflection
  const unused = actions[req.query.name];

  // ok: js.taint.unsafe-reflection
  const p = prices[req.query.item];
  const h = handlers.get(String(req.query.fn));
  // ok: js.taint.unsafe-reflection
  const r = h(req.query.arg);
  // ok: js.taint.unsafe-reflection
  const items = req.body.items.map((x) => x.id);
  // ok: js.taint.unsafe-reflection
  const list = [a, s, v][parseInt(req.query.i, 10)]();
  res.json({ a, s, v, p, r, items, list, unused });
});

app.post('/safe', (req, res) => {
  const name = req.body.action;
  if (!ALLOWED.includes(name)) return res.status(400).end();
  // ok: js.taint.unsafe-reflection
  res.json(actions[name](req.body.args));
});

io.on('connection', (socket) => {
  socket.on('command', (msg) => {
    // ruleid: js.taint.unsafe-reflection
    const handler = socket.handlers[msg.name];
    handler.apply(null, [socket, msg.payload]);
    // ok: js.taint.unsafe-reflection
    socket.emit('ack', msg.name);
  });
});
