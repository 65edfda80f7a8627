const express = require('express');
const app = express();
app.post('/login', (req, res) => {
  res.cookie('session', createSession(req.body), { httpOnly: false, secure: true });
  res.sendStatus(204);
});
