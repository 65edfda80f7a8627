const express = require('express');
const validator = require('validator');
const app = express();

app.get('/echo', (req, res) => {
  const text = validator.escape(String(req.query.text || ''));
  res.send('<p>' + text + '</p>');
});
