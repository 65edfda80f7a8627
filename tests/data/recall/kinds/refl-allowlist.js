const actions = require('./actions');
const ALLOWED = ['list', 'get', 'count'];
const express = require('express');
const app = express();
app.post('/run', (req, res) => {
  const name = req.body.action;
  if (!ALLOWED.includes(name)) return res.status(400).end();
  res.json(actions[name](req.body.args));
});
