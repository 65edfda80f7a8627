const express = require('express');
const app = express();
app.get('/login', (req, res) => {
  console.log('Login attempt for user: ' + req.query.username);
  res.send('ok');
});
