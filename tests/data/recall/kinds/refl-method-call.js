const actions = require('./actions');
const express = require('express');
const app = express();
app.post('/run', (req, res) => {
  const result = actions[req.body.action](req.body.args);
  res.json(result);
});
