const express = require('express');
const sanitizeHtml = require('sanitize-html');
const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/comments/preview', (req, res) => {
  const clean = sanitizeHtml(req.body.comment, { allowedTags: ['b', 'i', 'a'] });
  res.send(`<div class="comment">${clean}</div>`);
});
