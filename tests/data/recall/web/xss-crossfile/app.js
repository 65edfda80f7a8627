const express = require('express');
const { renderError } = require('./views');
const app = express();

app.get('/item/:id', (req, res) => {
  renderError(res, 'Unknown item ' + req.params.id);
});

module.exports = app;
