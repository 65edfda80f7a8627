const express = require('express');
const app = express();

app.get('/raw', (req, res) => {
  res.set('Content-Type', 'text/plain');
  res.send(`You asked for: ${req.query.q}`);
});

module.exports = app;
