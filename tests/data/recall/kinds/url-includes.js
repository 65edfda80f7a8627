const express = require('express');
const app = express();
app.get('/go', (req, res) => {
  const target = req.query.url;
  if (target.includes('example.com')) {
    return res.redirect(target);
  }
  res.status(400).send('bad target');
});
