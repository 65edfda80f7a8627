const fs = require('fs');
const path = require('path');
const express = require('express');
const app = express();

app.get('/docs/:name', (req, res) => {
  const file = path.join(__dirname, 'docs', path.basename(req.params.name));
  fs.readFile(file, 'utf8', (err, text) => {
    if (err) return res.sendStatus(404);
    res.type('text/plain').send(text);
  });
});
