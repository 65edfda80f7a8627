const express = require('express');
const cookieParser = require('cookie-parser');
const app = express();
app.use(cookieParser());

app.get('/', (req, res) => {
  let prefs = {};
  try {
    prefs = JSON.parse(Buffer.from(req.cookies.prefs || '', 'base64').toString());
  } catch (e) { prefs = {}; }
  res.json({ theme: prefs.theme === 'dark' ? 'dark' : 'light' });
});
