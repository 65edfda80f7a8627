const { execFile } = require('child_process');
const express = require('express');
const app = express();

app.get('/ping', (req, res) => {
  execFile('ping', ['-c', '1', req.query.host], (err, stdout) => res.type('text/plain').send(stdout));
});
app.listen(8080);
