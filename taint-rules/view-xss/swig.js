// An Express app rendering .html views with a template engine mapped to
// html (swig and Nunjucks syntax alike; EJS tags too).
const express = require('express');
const cons = require('consolidate');

const app = express();
app.engine('html', cons.swig);
app.set('view engine', 'html');

app.get('/memo', (req, res) => {
  res.render('memo', { memo: req.body.memo, owner: 'admin' });
});

module.exports = app;
