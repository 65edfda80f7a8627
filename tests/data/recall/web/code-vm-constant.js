const vm = require('vm');
const express = require('express');
const app = express();

const script = new vm.Script('result = a * b');

app.get('/mul', (req, res) => {
  const ctx = vm.createContext({ a: Number(req.query.a), b: Number(req.query.b), result: 0 });
  script.runInContext(ctx);
  res.json({ result: ctx.result });
});
