const util = require('util');
const express = require('express');
const app = express();
app.get('/greet', (req, res) => {
  const msg = util.format(req.query.template, req.query.name);
  res.type('text/plain').send(msg);
});
