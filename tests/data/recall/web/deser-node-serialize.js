const express = require('express');
const cookieParser = require('cookie-parser');
const serialize = require('node-serialize');
const app = express();
app.use(cookieParser());

app.get('/', (req, res) => {
  if (req.cookies.profile) {
    const str = Buffer.from(req.cookies.profile, 'base64').toString();
    const obj = serialize.unserialize(str);
    res.send('Hello ' + (obj.username ? 'member' : 'guest'));
  } else {
    res.send('Hello guest');
  }
});
