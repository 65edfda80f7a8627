const express = require('express');
const app = express();

app.get('/list', (req, res) => {
  const page = parseInt(req.query.page, 10) || 1;
  res.send('<p>Page ' + page + '</p>');
});
