const express = require('express');
const ejs = require('ejs');
const fs = require('fs');
const app = express();

const TEMPLATE = fs.readFileSync(__dirname + '/views/email.ejs', 'utf8');

app.get('/preview-email', (req, res) => {
  const html = ejs.render(TEMPLATE, { name: req.query.name });
  res.type('text/plain').send(html);
});
