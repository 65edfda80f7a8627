const express = require('express');
const app = express();
app.post('/login', (req, res) => {
  const { username, password } = req.body;
  console.log('login', username);
  res.send(authenticate(username, password));
});
