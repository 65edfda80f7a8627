// Tests for xss.yaml (js.taint.xss): DOM sinks and server responses.
const express = require('express');
const escapeHtml = require('escape-html');
const DOMPurify = require('dompurify');

const app = express();

// --- server ---------------------------------------------------------------------

app.get('/hello', (req, res) => {
  // ruleid: js.taint.xss
  res.send('<h1>Hello ' + req.query.name + '</h1>');
});

app.get('/hello-safe', (req, res) => {
  // ok: js.taint.xss
  res.send('<h1>Hello ' + escapeHtml(req.query.name) + '</h1>');
});

app.get('/api/echo', (req, res) => {
  // res.json sends application/json: no sink.
  // ok: js.taint.xss
  res.json({ name: req.query.name });
});

app.get('/stream', (req, res) => {
  res.setHeader('Content-Type', 'text/html');
  // ruleid: js.taint.xss
  res.write(`<p>${req.headers['user-agent']}</p>`);
  // ok: js.taint.xss
  res.end('</body></html>');
});

app.get('/count', (req, res) => {
  // ok: js.taint.xss
  res.send(`<p>Page ${Number(req.query.page)}</p>`);
});

function renderComment(comment) {
  return `<li class="c">${comment.author}: ${comment.text}</li>`;
}

app.post('/preview', (req, res) => {
  // Cross-function: the helper builds HTML from the body.
  // ruleid: js.taint.xss
  res.send(renderComment(req.body));
});

// --- DOM --------------------------------------------------------------------------

const params = new URLSearchParams(location.search);
const q = params.get('q');

// ruleid: js.taint.xss
document.getElementById('results-title').innerHTML = 'Results for ' + q;

// ok: js.taint.xss
document.getElementById('results-title').textContent = 'Results for ' + q;

// ok: js.taint.xss
document.getElementById('results-body').innerHTML = DOMPurify.sanitize(q);

// ruleid: js.taint.xss
document.write('<a href="' + document.referrer + '">back</a>');

// ok: js.taint.xss
document.getElementById('static').innerHTML = '<b>Welcome</b>';

window.addEventListener('message', (event) => {
  const { html, title } = event.data;
  const panel = document.querySelector('#panel');
  // ruleid: js.taint.xss
  panel.insertAdjacentHTML('beforeend', html);
  // ok: js.taint.xss
  panel.setAttribute('title', title);
});

const socket = new WebSocket('wss://chat.example.com');
socket.onmessage = (e) => {
  const msg = JSON.parse(e.data);
  const li = document.createElement('li');
  // ruleid: js.taint.xss
  li.innerHTML = `<b>${msg.user}</b> ${msg.text}`;
  document.getElementById('log').appendChild(li);
};

function showItems(items) {
  // The callback parameter holds elements of a tainted array.
  // ruleid: js.taint.xss
  items.forEach((item) => { document.getElementById('list').innerHTML += '<li>' + item + '</li>'; });
}

showItems(location.hash.slice(1).split(','));

function setHtml(el, html) {
  // Called with the URL fragment below.
  // ruleid: js.taint.xss
  el.innerHTML = html;
}

function setText(el, text) {
  // ok: js.taint.xss
  el.textContent = text;
}

setHtml(document.getElementById('banner'), decodeURIComponent(location.hash.slice(1)));
setText(document.getElementById('crumb'), document.URL);

module.exports = app;

// --- jQuery, DOM attributes and fragments ----------------------------------------

const $ = require('jquery');

function showFromHash() {
  const frag = decodeURIComponent(location.hash.slice(1));
  // ruleid: js.taint.xss
  $('#out').html(frag);
  // ruleid: js.taint.xss
  $('#list').append('<li>' + frag + '</li>');
  // ruleid: js.taint.xss
  jQuery('.box').find('p').after(frag);
  // ruleid: js.taint.xss
  $(frag);
  // ok: js.taint.xss
  $('#out').text(frag);
  // ok: js.taint.xss
  $('#out').html('<b>fixed</b>');
  // ok: js.taint.xss
  $('#out').html(DOMPurify.sanitize(frag));
  // An element built with .text(x) holds x as text.
  // ok: js.taint.xss
  $('#list').append($('<li>').text(frag));
  // ok: js.taint.xss
  $('#form').append($('<input type="hidden">').val(frag));
  // ruleid: js.taint.xss
  $('#list').append($('<li>').attr('data-x', 1).html(frag));
  // $(x).text(...) still parses x first.
  // ruleid: js.taint.xss
  $('#list').append($(frag).text('label'));
  const $item = $('<li class="x">');
  // ok: js.taint.xss
  $('#list').append($item.text(frag));
}

function linkFromQuery($link) {
  const target = new URLSearchParams(location.search).get('next') + location.search;
  // ruleid: js.taint.xss
  $link.attr('href', target);
  // ok: js.taint.xss
  $link.attr('title', target);
  // ok: js.taint.xss
  $link.attr('href', '/go?to=' + encodeURIComponent(target));
  // ok: js.taint.xss
  $link.attr('href', '/items/' + target);
}

function attributes(el) {
  const v = window.name;
  // ruleid: js.taint.xss
  el.setAttribute('onclick', v);
  // ok: js.taint.xss
  el.setAttribute('title', v);
  // ok: js.taint.xss
  el.setAttribute('data-name', v);
  const range = document.createRange();
  // ruleid: js.taint.xss
  document.body.appendChild(range.createContextualFragment(document.referrer));
  // ok: js.taint.xss
  range.createContextualFragment('<p>static</p>');
}

// --- AngularJS --------------------------------------------------------------------

function angularCtrl($scope, $sce, $compile, $location) {
  // ruleid: js.taint.xss
  $scope.html = $sce.trustAsHtml(location.hash);
  // ruleid: js.taint.xss
  $scope.link = $sce.trustAs('url', document.URL);
  // ruleid: js.taint.xss
  $compile('<div>' + location.search + '</div>')($scope);
  // ok: js.taint.xss
  $scope.safe = $sce.trustAsHtml('<b>fixed</b>');
  // ok: js.taint.xss
  $scope.text = location.hash;
  // ok: js.taint.xss
  $compile('<div>{{text}}</div>')($scope);
  // ruleid: js.taint.xss
  $scope.q = $sce.trustAsHtml($location.search().q);
  // ok: js.taint.xss
  $scope.q2 = $sce.trustAsHtml($scope.defaults.q);
}

// --- server: sanitisers and non-HTML responses -------------------------------------

const filterXSS = require('xss');
const validator = require('validator');
const sanitizeHtml = require('sanitize-html');
const markdownIt = require('markdown-it');
const md = markdownIt();
const mdRaw = markdownIt({ html: true });
const { marked } = require('marked');

app.get('/clean', (req, res) => {
  // ok: js.taint.xss
  res.send(filterXSS(req.query.bio));
  // ok: js.taint.xss
  res.send('<p>' + validator.escape(req.query.bio) + '</p>');
  // ok: js.taint.xss
  res.send(sanitizeHtml(req.query.bio, { allowedTags: ['b'] }));
  // ok: js.taint.xss
  res.send(md.render(req.query.bio));
});

app.get('/markdown', (req, res) => {
  // ruleid: js.taint.xss
  res.send(mdRaw.render(req.body.text));
});

app.get('/marked', async (req, res) => {
  const html = await marked.parse(req.body.text);
  // ruleid: js.taint.xss
  res.status(200).send(html);
});

app.get('/plain', (req, res) => {
  res.type('text/plain');
  // ok: js.taint.xss
  res.send(req.query.q);
});

app.get('/plain2', (req, res) => {
  res.set('Content-Type', 'text/plain; charset=utf-8');
  // ok: js.taint.xss
  res.send('You asked for ' + req.query.q);
});

app.get('/plain3', (req, res) => {
  // ok: js.taint.xss
  res.type('txt').send(req.query.q);
});

app.get('/db', async (req, res) => {
  const rows = await db.query('SELECT name FROM users WHERE id = ?', [1]);
  // Database results are not outside input to this rule.
  // ok: js.taint.xss
  res.send('<p>' + rows[0].name + '</p>');
});

app.get('/html-after-plain-elsewhere', (req, res) => {
  res.type('html');
  // ruleid: js.taint.xss
  res.send(req.query.q);
});

// --- Handlebars SafeString ------------------------------------------------------------

const Handlebars = require('handlebars');

app.get('/card', (req, res) => {
  const page = Handlebars.compile('<div>{{card}}</div>');
  // ruleid: js.taint.xss
  const raw = new Handlebars.SafeString('<b>' + req.query.title + '</b>');
  // ok: js.taint.xss
  const esc = new Handlebars.SafeString('<b>' + Handlebars.escapeExpression(req.query.title) + '</b>');
  // ok: js.taint.xss
  const fixed = new Handlebars.SafeString('<hr>');
  res.json({ a: page({ card: raw }), b: page({ card: esc }), c: fixed });
});

// --- browser extension pages (popup, options, content script) ------------------

chrome.runtime.onMessage.addListener((msg) => {
  const list = document.getElementById('recent');
  // ruleid: js.taint.xss
  list.innerHTML = msg.items.map((i) => `<li>${i.title}</li>`).join('');
  // ok: js.taint.xss
  list.textContent = msg.items.length + ' items';
});

browser.runtime.onMessageExternal.addListener(function (request, sender, sendResponse) {
  // ruleid: js.taint.xss
  document.body.insertAdjacentHTML('afterbegin', '<div class="banner">' + request.text + '</div>');
  sendResponse({ shown: true });
});

// The sender is checked before anything else.
chrome.runtime.onMessageExternal.addListener((request, sender) => {
  if (sender.id !== 'kbfnbcaeplbcioakkpcpgfkobkghlhen') {
    return false;
  }
  // ok: js.taint.xss
  document.getElementById('status').innerHTML = request.html;
});

// A content script relaying the page's postMessage: only its origin counts.
window.addEventListener('message', (event) => {
  if (event.source !== window) return;
  // ruleid: js.taint.xss
  document.getElementById('ext-root').innerHTML = event.data.html;
});
window.addEventListener('message', (event) => {
  if (event.origin === 'https://app.example.com') {
    // ok: js.taint.xss
    document.getElementById('ext-root').innerHTML = event.data.html;
  }
});

// --- Koa, Fastify, Hapi bodies; objects are sent as JSON ---------------------------

const Koa = require('koa');
const fastify = require('fastify')();
const Hapi = require('@hapi/hapi');

const koa = new Koa();
koa.use(async (ctx) => {
  // ruleid: js.taint.xss
  ctx.body = `<h1>${ctx.query.title}</h1>`;
});
koa.use(async (ctx) => {
  // ok: js.taint.xss
  ctx.body = { title: ctx.query.title };
});
koa.use(async (ctx) => {
  ctx.type = 'text/plain';
  // ok: js.taint.xss
  ctx.body = ctx.query.title;
});

fastify.get('/page', async (request, reply) => {
  // ruleid: js.taint.xss
  reply.type('text/html').send('<p>' + request.query.msg + '</p>');
});
fastify.get('/api', async (request, reply) => {
  // ok: js.taint.xss
  reply.send({ msg: request.query.msg });
});

const server = Hapi.server({ port: 3000 });
server.route({
  method: 'GET',
  path: '/hello',
  handler: (request, h) => {
    // ruleid: js.taint.xss
    return h.response('<p>Hello ' + request.query.name + '</p>');
  },
});
server.route({
  method: 'GET',
  path: '/hello.txt',
  handler: (request, h) => {
    // ok: js.taint.xss
    return h.response('Hello ' + request.query.name).type('text/plain');
  },
});

app.get('/as-json', (req, res) => {
  // ok: js.taint.xss
  res.send({ name: req.query.name });
  // ok: js.taint.xss
  res.status(200).send([req.query.name]);
});

// --- URL properties: links, forms, scripts, frames ---------------------------------

function urlProperties(form) {
  const target = location.hash.slice(1);
  const link = document.createElement('a');
  // A link's href is no sink (detached anchors parse URLs in libraries): a
  // known miss.
  // todoruleid: js.taint.xss
  link.href = target;
  // ok: js.taint.xss
  link.href = '/search?q=' + encodeURIComponent(target);
  // ok: js.taint.xss
  link.href = `https://example.com/items/${target}`;
  // ruleid: js.taint.xss
  form.action = target;
  // The same through setAttribute on a detached <a>: no sink either.
  // ok: js.taint.xss
  link.setAttribute('href', target);
  // The page's own URL in a detached anchor, to read its parts.
  // ok: js.taint.xss
  link.setAttribute('href', location.href);
  // ok: js.taint.xss
  link.setAttribute('title', target);
  // location.href is an open redirect (js.taint.open-redirect), not this rule's.
  // ok: js.taint.xss
  window.location.href = target;
  const script = document.createElement('script');
  // ruleid: js.taint.xss
  script.src = target;
  // ok: js.taint.xss
  script.src = 'https://cdn.example.com/widget.js';
  const frame = document.createElement('iframe');
  // ruleid: js.taint.xss
  frame.src = target;
  // ok: js.taint.xss
  frame.src = '/embed/' + encodeURIComponent(target);
  const img = document.createElement('img');
  // An image's src runs no script.
  // ok: js.taint.xss
  img.src = target;
  // ruleid: js.taint.xss
  this.previewFrame.src = target;
}

// Hand-written escapers, known by their names.
function escapeHtml(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
const utils = { htmlEscape: escapeHtml, format: (s) => s };
app.get('/escaped-by-name', (req, res) => {
  const name = req.query.name;
  // ok: js.taint.xss
  res.send('<p>' + escapeHtml(name) + '</p>');
  // ok: js.taint.xss
  res.send(`<p>${utils.htmlEscape(name)}</p>`);
  // ok: js.taint.xss
  document.body.innerHTML = encode_html(name);
  // A helper with another name escapes nothing as far as the rule knows.
  // ruleid: js.taint.xss
  res.send(`<p>${utils.format(name)}</p>`);
  // ruleid: js.taint.xss
  res.send('<p>' + escapeName(name) + '</p>');
  // The escaper's name must be all of the callee's name.
  // ruleid: js.taint.xss
  res.send('<p>' + unescapeHtml(name) + '</p>');
});

// serialize-javascript escapes <, > and / for a <script> block, unless told unsafe.
const serialize = require('serialize-javascript');
app.get('/state', (req, res) => {
  const state = { user: req.query.user };
  // ok: js.taint.xss
  res.send(`<script>window.__S = ${serialize(state)}</script>`);
  // ok: js.taint.xss
  res.send(`<script>window.__S = ${serialize(state, { isJSON: true })}</script>`);
  // ok: js.taint.xss
  res.send('<script>var s = ' + serialize(state, { space: 2 }) + '</script>');
  // ruleid: js.taint.xss
  res.send(`<script>window.__S = ${serialize(state, { unsafe: true })}</script>`);
  // ruleid: js.taint.xss
  res.send(`<script>window.__S = ${serialize(state, { isJSON: false, unsafe: true })}</script>`);
  // ruleid: js.taint.xss
  res.send(`<script>window.__S = ${JSON.stringify(state)}</script>`);
});

// A Handlebars template compiled from fixed text escapes what it outputs.
const Hbs = require('handlebars');
const profileTpl = Hbs.compile('<p>{{bio}}</p>');
const rawTpl = Hbs.compile('<p>{{bio}}</p>', { noEscape: true });
app.post('/profile', (req, res) => {
  const bio = req.body.bio;
  // ok: js.taint.xss
  res.send(profileTpl({ bio }));
  const cardTpl = Hbs.compile('<div>{{name}}</div>', { strict: true });
  // ok: js.taint.xss
  res.send(cardTpl({ name: req.body.name }));
  // ok: js.taint.xss
  res.write(profileTpl({ bio: req.body.other }));
  // ruleid: js.taint.xss
  res.send(rawTpl({ bio }));
  // ruleid: js.taint.xss
  res.send(Hbs.compile('<p>{{bio}}</p>', { noEscape: true })({ bio }));
  // ruleid: js.taint.xss
  res.send(profileTpl({ bio }) + bio);
});

// An allow-list choice in a conditional expression.
const LANGS = ['en', 'fr'];
const THEMES = new Set(['dark', 'light']);
app.get('/lang', (req, res) => {
  const lang = LANGS.includes(req.query.lang) ? req.query.lang : 'en';
  // ok: js.taint.xss
  res.send(`<html lang="${lang}"></html>`);
  // ok: js.taint.xss
  res.send(`<body class="${THEMES.has(req.query.theme) ? req.query.theme : 'light'}"></body>`);
  // ok: js.taint.xss
  res.send('<p>' + (LANGS.includes(req.query.l) ? req.query.l : "en") + '</p>');
  // The fallback is the request's too.
  // ruleid: js.taint.xss
  res.send(`<html lang="${LANGS.includes(req.query.lang) ? req.query.lang : req.query.fallback}"></html>`);
  // The checked value is not the one used.
  // ruleid: js.taint.xss
  res.send(`<html lang="${LANGS.includes(req.query.lang) ? req.query.other : 'en'}"></html>`);
  // ruleid: js.taint.xss
  res.send(`<html lang="${req.query.lang ? req.query.lang : 'en'}"></html>`);
});

// lodash templates: <%- %> escapes, <%= %> and <% %> do not.
const lodash = require('lodash');
const escapedTpl = lodash.template('<p><%- name %></p>');
const escapedTwice = lodash.template("<b><%- a %></b><i><%- b %></i>");
const rawTpl2 = lodash.template('<p><%= name %></p>');
const evalTpl = lodash.template('<p><% print(name) %></p>');
const esTpl = lodash.template('<p>${name}</p>');
app.get('/lodash', (req, res) => {
  const name = req.query.name;
  // ok: js.taint.xss
  res.send(escapedTpl({ name }));
  // ok: js.taint.xss
  res.send(escapedTwice({ a: name, b: req.query.b }));
  const inline = lodash.template('<em><%- who %></em>');
  // ok: js.taint.xss
  res.send(inline({ who: name }));
  // ruleid: js.taint.xss
  res.send(rawTpl2({ name }));
  // ruleid: js.taint.xss
  res.send(evalTpl({ name }));
  // ruleid: js.taint.xss
  res.send(esTpl({ name }));
});

// A link's href attribute set from outside input: a javascript: URL runs when clicked.
function linkFromQuery() {
  const next = new URLSearchParams(location.search).get('next');
  const a = document.getElementById('continue');
  // ruleid: js.taint.xss
  a.setAttribute('href', next);
  const use = document.querySelector('svg use');
  // ruleid: js.taint.xss
  use.setAttribute('xlink:href', next);
  // ruleid: js.taint.xss
  a.setAttribute("href", 'javascript:void(0);' + next);
  // ok: js.taint.xss
  a.setAttribute('href', '/search?q=' + encodeURIComponent(next));
  // ok: js.taint.xss
  a.setAttribute('href', '/items/' + next);
  // ok: js.taint.xss
  a.setAttribute('title', next);
}

// The URL-parsing idiom (as axios' isURLSameOrigin): a detached <a> made
// once, its href set in a nested function to read the URL's parts back.
const urlParser = (function () {
  const parsingNode = document.createElement('a');
  return function resolve(url) {
    // ok: js.taint.xss
    parsingNode.setAttribute('href', url);
    return parsingNode.protocol + '//' + parsingNode.host;
  };
})();
urlParser(window.location.hash.slice(1));
