const express = require('express');
const app = express();
app.post('/login', (req, res) => {
  res.cookie('session', createSession(req.body), { httpOnly: true, secure: true, sameSite: 'lax' });
  res.sendStatus(204);
});
