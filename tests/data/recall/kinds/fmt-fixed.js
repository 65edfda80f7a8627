const util = require('util');
const express = require('express');
const app = express();
app.get('/greet', (req, res) => {
  const msg = util.format('Hello %s', req.query.name);
  res.type('text/plain').send(msg);
});
