// Tests for template-injection.yaml (js.taint.template-injection).
const express = require('express');
const pug = require('pug');
const ejs = require('ejs');
const Handlebars = require('handlebars');
const nunjucks = require('nunjucks');
const Mustache = require('mustache');
const _ = require('lodash');
const doT = require('dot');
const swig = require('swig');
const { compile: compilePug } = require('pug');

const app = express();
const env = nunjucks.configure('views', { autoescape: true });
const TEMPLATES = ['welcome', 'bye'];

app.get('/pug', (req, res) => {
  // ruleid: js.taint.template-injection
  const fn = pug.compile('p Hello ' + req.query.name);
  // ruleid: js.taint.template-injection
  res.send(pug.render(req.body.template, { user: req.user }));
  // ruleid: js.taint.template-injection
  const fn2 = compilePug(`h1 ${req.query.title}`);
  // The data is no template: #{name} is escaped output.
  // ok: js.taint.template-injection
  res.send(pug.render('p Hello #{name}', { name: req.query.name }));
  // ok: js.taint.template-injection
  const fixed = pug.compile('p Hello #{name}')({ name: req.query.name });
  res.send(fn() + fn2() + fixed);
});

app.post('/ejs', async (req, res) => {
  const { layout, name } = req.body;
  // ruleid: js.taint.template-injection
  const html = await ejs.render(layout, { user: 'x' }, { async: true });
  // ruleid: js.taint.template-injection
  const tpl = ejs.compile(layout);
  // ok: js.taint.template-injection
  const safe = ejs.render('<p><%= name %></p>', { name });
  // ok: js.taint.template-injection
  ejs.renderFile('views/page.ejs', { name }, (err, out) => res.send(out));
  res.send(html + tpl({}) + safe);
});

app.post('/hbs', (req, res) => {
  // ruleid: js.taint.template-injection
  const t = Handlebars.compile(req.body.source);
  // ok: js.taint.template-injection
  const u = Handlebars.compile('<p>{{name}}</p>');
  res.send(t({}) + u({ name: req.body.name }));
});

app.get('/nunjucks', (req, res) => {
  // ruleid: js.taint.template-injection
  res.send(nunjucks.renderString('Hello ' + req.query.name, {}));
  // ruleid: js.taint.template-injection
  res.send(env.renderString(req.query.tpl, { a: 1 }));
  // ok: js.taint.template-injection
  res.send(nunjucks.renderString('Hello {{ name }}', { name: req.query.name }));
  // ok: js.taint.template-injection
  res.send(nunjucks.render('page.njk', { name: req.query.name }));
});

app.get('/mustache', (req, res) => {
  // ruleid: js.taint.template-injection
  res.send(Mustache.render(req.query.tpl, { a: 1 }));
  // ok: js.taint.template-injection
  res.send(Mustache.render('{{name}}', { name: req.query.name }));
});

app.get('/lodash', (req, res) => {
  // ruleid: js.taint.template-injection
  const compiled = _.template('Hello ' + req.query.name);
  // ok: js.taint.template-injection
  const greet = _.template('Hello <%- name %>');
  res.send(compiled() + greet({ name: req.query.name }));
});

app.get('/dot', (req, res) => {
  // ruleid: js.taint.template-injection
  const t = doT.template(req.query.t);
  // ruleid: js.taint.template-injection
  const s = swig.render(req.query.t, { locals: {} });
  // ok: js.taint.template-injection
  const t2 = doT.template('<h1>{{=it.name}}</h1>');
  // ok: js.taint.template-injection
  const s2 = swig.render('{{ name }}', { locals: { name: req.query.name } });
  res.send(t({}) + s + t2({ name: req.query.name }) + s2);
});

app.get('/pick', (req, res) => {
  const name = req.query.name;
  if (TEMPLATES.includes(name)) {
    // An allow-listed name.
    // ok: js.taint.template-injection
    res.send(pug.render(name));
  }
});

// --- the request as a view's data ---------------------------------------------------

app.get('/profile', (req, res) => {
  // Options such as settings['view options'] ride along with the data.
  // ruleid: js.taint.template-injection
  res.render('profile', req.query);
  // ruleid: js.taint.template-injection
  res.render('profile', { ...req.body, layout: 'main' });
  // ok: js.taint.template-injection
  res.render('profile', { name: req.query.name });
  // ok: js.taint.template-injection
  res.render('profile', { user: req.user });
});
