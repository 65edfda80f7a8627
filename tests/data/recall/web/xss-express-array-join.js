const express = require('express');
const app = express();

app.get('/tags', (req, res) => {
  const tags = String(req.query.tags || '').split(',');
  const items = [];
  tags.forEach((t) => items.push('<li>' + t.trim() + '</li>'));
  res.send('<ul>' + items.join('') + '</ul>');
});
