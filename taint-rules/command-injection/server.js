// Cross-file test for js.taint.command-injection: the request values enter
// here and reach the sinks in git.js (annotated there).
const express = require('express');
const git = require('./git');
const { safeArg } = require('./sanitize');

const app = express();

app.post('/checkout', (req, res) => {
  git.checkout(req.body.branch);
  res.end();
});

app.get('/log', (req, res) => {
  // Quoted in another module before it reaches git.log.
  git.log(safeArg(req.query.branch));
  res.end();
});

app.get('/status', (req, res) => {
  git.status();
  res.end();
});

app.get('/blame', async (req, res) => {
  const { file } = req.query;
  res.send(await git.blame(file));
});

module.exports = app;
