// Cross-file test for js.taint.xss: Express routes render with view.js
// (sinks annotated there).
const express = require('express');
const view = require('./view');

const app = express();

app.get('/greet', (req, res) => view.greet(res, req.query.name));
app.get('/greet-safe', (req, res) => view.greetEscaped(res, req.query.name));
app.get('/about', (req, res) => view.about(res));

module.exports = app;
