const express = require('express');
const app = express();

app.get('/login/done', (req, res) => {
  const returnTo = req.query.returnTo || '/';
  res.redirect(returnTo);
});
