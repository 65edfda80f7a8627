const express = require('express');
const app = express();
app.get('/a', function (req, res) {
  var body = '';
  body += '<h1>' + req.query.title + '</h1>';
  res.setHeader('Content-Type', 'text/html');
  res.end(body);
});
