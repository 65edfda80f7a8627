const express = require('express');
const app = express();

function loadReport(name) {
  if (!/^[a-z]+$/.test(name)) {
    throw new Error('Invalid report name: ' + name);
  }
  return { name };
}

app.get('/report', (req, res) => {
  try {
    res.json(loadReport(req.query.name));
  } catch (err) {
    res.status(400).send('<pre>' + err.message + '</pre>');
  }
});
