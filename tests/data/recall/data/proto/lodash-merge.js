const _ = require('lodash');
const express = require('express');
const app = express();
app.use(express.json());
const settings = {};

app.post('/settings', (req, res) => {
  _.merge(settings, req.body);
  res.json(settings);
});
