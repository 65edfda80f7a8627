const express = require('express');
const app = express();
app.get('/login', (req, res) => {
  const user = String(req.query.username).replace(/[\r\n]/g, '');
  console.log('Login attempt for user: ' + user);
  res.send('ok');
});
