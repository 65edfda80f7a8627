const express = require('express');
const ejs = require('ejs');
const app = express();
app.use(express.json());

app.post('/preview-email', (req, res) => {
  const { template, data } = req.body;
  const html = ejs.render(template, data);
  res.json({ html });
});
