const vm = require('vm');
const express = require('express');
const app = express();
app.use(express.json());

app.post('/calc', (req, res) => {
  const sandbox = { result: null };
  vm.runInNewContext('result = ' + req.body.formula, sandbox, { timeout: 50 });
  res.json({ result: sandbox.result });
});
