const express = require('express');
const app = express();
app.get('/download', (req, res) => {
  res.setHeader('Content-Disposition', 'attachment; filename=' + req.query.name);
  res.send(loadFile());
});
