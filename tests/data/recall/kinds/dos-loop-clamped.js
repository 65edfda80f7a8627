const express = require('express');
const app = express();
const MAX = 100;
app.get('/fib', (req, res) => {
  const n = Math.min(parseInt(req.query.n, 10) || 0, MAX);
  const out = [];
  for (let i = 0; i < n; i++) out.push(fib(i));
  res.json(out);
});
