// Tests for resource-exhaustion.yaml.
const express = require('express');
const app = express();
const MAX = 100;

app.get('/fib', (req, res) => {
  const n = parseInt(req.query.n, 10);
  const out = [];
  // ruleid: js.taint.resource-exhaustion
  for (let i = 0; i < n; i++) out.push(i);
  const { count } = req.body;
  // ruleid: js.taint.resource-exhaustion
  const line = '-'.repeat(count);
  // ruleid: js.taint.resource-exhaustion
  const buf = Buffer.alloc(Number(req.query.size), 0x20);
  // todoruleid: js.taint.resource-exhaustion
  const arr = new Array(+req.query.len).fill(0);
  let k = 0;
  // todoruleid: js.taint.resource-exhaustion
  while (k < req.body.times) k++;
  const { times } = req.body;
  // ruleid: js.taint.resource-exhaustion
  while (k < times) { k++; }
  // ruleid: js.taint.resource-exhaustion
  const arr2 = new Array(Number(req.query.len)).fill(0);
  // ruleid: js.taint.resource-exhaustion
  const padded = String(req.query.id).padStart(req.query.width, '0');

  const m = Math.min(parseInt(req.query.n, 10) || 0, MAX);
  // ok: js.taint.resource-exhaustion
  for (let i = 0; i < m; i++) out.push(i);
  // ok: js.taint.resource-exhaustion
  for (let i = 0; i < req.body.items.slice(0, 50).length; i++) out.push(i);
  // ok: js.taint.resource-exhaustion
  const fixed = '-'.repeat(80);
  // ok: js.taint.resource-exhaustion
  const copy = Buffer.from(req.query.text);
  // ok: js.taint.resource-exhaustion
  const view = new Uint8Array(req.body);
  // ok: js.taint.resource-exhaustion
  for (let i = 0; i < out.length; i++) out[i]++;
  res.json({ out, line, buf, arr, arr2, padded, fixed, copy, view });
});

app.get('/pad', (req, res) => {
  const size = Number(req.query.size);
  if (!Number.isInteger(size) || size < 0 || size > 4096) {
    return res.status(400).end();
  }
  // ok: js.taint.resource-exhaustion
  res.send(Buffer.alloc(size, 0x20));
});

app.get('/inside', (req, res) => {
  const size = Number(req.query.size);
  if (size <= MAX) {
    // ok: js.taint.resource-exhaustion
    res.send('x'.repeat(size));
  }
});
