const nunjucks = require('nunjucks');
const express = require('express');

const env = nunjucks.configure('views', { autoescape: false });
const app = express();

app.get('/welcome', (req, res) => {
  res.send(env.render('welcome.njk', { name: req.query.name }));
});
