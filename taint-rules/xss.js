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
