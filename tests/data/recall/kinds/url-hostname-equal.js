const express = require('express');
const app = express();
app.get('/go', (req, res) => {
  const target = new URL(req.query.url);
  if (target.hostname === 'example.com') {
    return res.redirect(target.href);
  }
  res.status(400).send('bad target');
});
