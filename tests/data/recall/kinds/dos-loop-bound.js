const express = require('express');
const app = express();
app.get('/fib', (req, res) => {
  const n = parseInt(req.query.n, 10);
  const out = [];
  for (let i = 0; i < n; i++) out.push(fib(i));
  res.json(out);
});
