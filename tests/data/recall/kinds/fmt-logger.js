const express = require('express');
const app = express();
app.post('/event', (req, res) => {
  console.error(req.body.message, req.body.code);
  res.end();
});
