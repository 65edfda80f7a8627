const express = require('express');
const app = express();

app.post('/logout', (req, res) => {
  req.session = null;
  res.redirect(req.get('Referer') || '/');
});
