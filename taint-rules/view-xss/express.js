// Express routes rendering EJS views (views/*.ejs); the findings are in the
// views, at the unescaped outputs the request values reach.
const path = require('path');
const express = require('express');
const escapeHtml = require('escape-html');

const app = express();
app.set('views', path.join(__dirname, 'views'));
app.set('view engine', 'ejs');

// An object literal: q is the request's, title a constant.
app.get('/search', (req, res) => {
  res.render('search', { q: req.query.q, title: 'Search' });
});

// Shorthand properties from a destructured query.
app.get('/hello', (req, res) => {
  const { name } = req.query;
  res.render('hello', { name });
});

// A variable holding the locals.
app.post('/comment', async (req, res) => {
  const data = { heading: '<h2>Comments</h2>', comment: req.body.comment };
  await saveLater(data);
  res.render('comment', data);
});

// res.locals set before the render.
app.get('/banner', async (req, res) => {
  res.locals.banner = req.query.banner;
  res.render('banner');
});

// The view escapes it.
app.get('/escaped', (req, res) => {
  res.render('escaped', { q: req.query.q });
});

// Escaped before the render.
app.get('/clean', (req, res) => {
  res.render('clean', { q: escapeHtml(req.query.q) });
});

// A constant.
app.get('/fixed', (req, res) => {
  res.render('fixed', { q: 'fixed text', n: Number(req.query.n) });
});

// A view that names the field only as a property of something else.
app.get('/other', (req, res) => {
  res.render('other.ejs', { q: req.query.q, user: { q: 'ok' } });
});

// Two shorthand names, one from the request.
app.get('/pair', (req, res) => {
  const user = currentUser(req.session);
  const { q } = req.query;
  res.render('pair', { q, user });
});

// A spread of the query: every name it holds.
app.get('/spread', (req, res) => {
  res.render('spread', { ...req.query, title: 'Spread' });
});

// Views that copy a local into another name before writing it
// (views/alias.*, views/items.hbs, views/list.njk).
app.get('/alias', (req, res) => {
  res.render('alias', { name: req.query.name, title: 'Alias' });
});
app.get('/alias-pug', (req, res) => {
  res.render('alias.pug', { name: req.query.name, title: 'Alias' });
});
app.get('/alias-hbs', (req, res) => {
  res.render('alias.hbs', { user: req.query.user, site: 'Alias' });
});
app.get('/items', (req, res) => {
  res.render('items.hbs', { items: req.query.items, links: ['/a', '/b'] });
});
app.get('/list', (req, res) => {
  res.render('list.njk', { items: req.query.items, title: 'List' });
});

function currentUser(s) {
  return s ? 'someone' : 'nobody';
}

function saveLater(d) {
  return Promise.resolve(d);
}

module.exports = app;
