const express = require('express');
const app = express();

app.get('/plugin', (req, res) => {
  const plugin = require(req.query.name);
  res.json({ version: plugin.version });
});
