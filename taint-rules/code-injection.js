// Tests for code-injection.yaml (js.taint.code-injection, js.taint.module-load).
const express = require('express');
const vm = require('vm');
const { ipcMain } = require('electron');

const app = express();

app.post('/calc', (req, res) => {
  // ruleid: js.taint.code-injection
  const result = eval(req.body.expression);
  res.json({ result });
});

app.get('/filter', (req, res) => {
  const { predicate } = req.query;
  // ruleid: js.taint.code-injection
  const fn = new Function('item', 'return ' + predicate);
  res.json([1, 2, 3].filter(fn));
});

app.post('/sandbox', (req, res) => {
  // node:vm is no sandbox.
  // ruleid: js.taint.code-injection
  const out = vm.runInNewContext(req.body.code, { console });
  res.json({ out });
});

app.post('/script', (req, res) => {
  const src = `(function () { return ${req.body.snippet}; })()`;
  // ruleid: js.taint.code-injection
  const script = new vm.Script(src);
  res.json({ v: script.runInThisContext() });
});

app.get('/timer', (req, res) => {
  // A string timer argument is evaluated.
  // ruleid: js.taint.code-injection
  setTimeout('refresh(' + req.query.id + ')', 100);
  res.end();
});

app.get('/literal', (req, res) => {
  // JSON.stringify turns the value into a string literal.
  // ok: js.taint.code-injection
  const v = eval('(' + JSON.stringify(req.query.name) + ')');
  // ok: js.taint.code-injection
  const n = eval('1 + ' + Number(req.query.n));
  res.json({ v, n });
});

app.get('/constant', (req, res) => {
  let code = req.query.code;
  code = 'Date.now()';
  // ok: js.taint.code-injection
  res.json({ t: eval(code) });
});

app.get('/parse', (req, res) => {
  // JSON.parse is the right tool and no sink.
  // ok: js.taint.code-injection
  const data = JSON.parse(req.query.json);
  res.json(data);
});

// --- cross-function ----------------------------------------------------------

function compileTemplate(body) {
  // ruleid: js.taint.code-injection
  return new Function('data', 'with (data) { return `' + body + '`; }');
}

app.post('/template', (req, res) => {
  const render = compileTemplate(req.body.template);
  res.send(String(render({})));
});

function getHandlerName(req) {
  return req.params.handler;
}

app.get('/h/:handler', (req, res) => {
  const name = getHandlerName(req);
  // ruleid: js.taint.code-injection
  eval(name + '()');
  res.end();
});

function evaluate(expr) {
  // ruleid: js.taint.code-injection
  return vm.runInNewContext(expr, {});
}

function evaluateNumber(expr) {
  // Callers pass request data, but the helper coerces it first.
  // ok: js.taint.code-injection
  return vm.runInNewContext(String(Number(expr)), {});
}

app.get('/eval-helper', (req, res) => {
  res.json({ a: evaluate(req.query.a), b: evaluateNumber(req.query.b) });
});

// --- browser sources and Electron ---------------------------------------------

window.addEventListener('message', (event) => {
  // postMessage data from any origin.
  // ruleid: js.taint.code-injection
  eval(event.data.script);
});

// ruleid: js.taint.code-injection
setTimeout(decodeURIComponent(location.hash.slice(1)), 0);

// A function is passed, not a string: the tainted value is only read inside it.
// ok: js.taint.code-injection
setTimeout(() => console.log(location.hash), 0);

ipcMain.handle('run-plugin', async (event, source) => {
  // ruleid: js.taint.code-injection
  return vm.runInThisContext(source);
});

module.exports = app;

// --- sandboxes, evaluators, module loading -----------------------------------------

const { VM, NodeVM, VMScript } = require('vm2');
const safeEval = require('safe-eval');
const notevil = require('notevil');
const staticEval = require('static-eval');
const esprima = require('esprima');
const math = require('mathjs');
const { create, all } = require('mathjs');
const vmMod = require('node:vm');
const path = require('path');

const PLUGINS = ['csv', 'json'];

app.post('/sandbox', async (req, res) => {
  const { code, expr, plugin } = req.body;
  // ruleid: js.taint.code-injection
  const r1 = new VM({ timeout: 100 }).run(code);
  const nodeVm = new NodeVM({ console: 'off' });
  // ruleid: js.taint.code-injection
  const r2 = nodeVm.run(`module.exports = ${code}`, 'x.js');
  // ruleid: js.taint.code-injection
  const script = new VMScript(code);
  // ruleid: js.taint.code-injection
  const r3 = safeEval(expr, { Math });
  // ruleid: js.taint.code-injection
  const r4 = notevil(expr);
  // ruleid: js.taint.code-injection
  const r5 = staticEval(esprima.parse(expr).body[0].expression, {});
  // ruleid: js.taint.code-injection
  const r6 = math.evaluate(expr);
  const limited = create(all);
  // ruleid: js.taint.code-injection
  const r7 = limited.evaluate(expr);
  // ruleid: js.taint.code-injection
  const r8 = vmMod.runInNewContext('a + b', req.body.scope);
  // ruleid: js.taint.module-load
  const mod = require(plugin);
  // ruleid: js.taint.module-load
  const esm = await import(`./plugins/${plugin}.mjs`);
  // fixed code, outside data passed as data
  // ok: js.taint.code-injection
  const s1 = new VM({ sandbox: { input: code } }).run('input.length');
  // ok: js.taint.code-injection
  const s2 = math.evaluate('a * 2', { a: Number(expr) });
  // ok: js.taint.code-injection
  const s3 = vmMod.runInNewContext('a + b', { a: Number(req.body.a), b: 1 });
  // ok: js.taint.module-load
  const s4 = require(path.join(__dirname, 'plugins', 'csv.js'));
  // ok: js.taint.code-injection
  const s5 = math.evaluate('sqrt(16)');
  if (PLUGINS.includes(plugin)) {
    // ok: js.taint.module-load
    const p = require(`./plugins/${plugin}`);
  }
  // A command line names the module its own user wants: no source here.
  // ok: js.taint.module-load
  const cfg = require(process.argv[2]);
  res.json({ cfg, r1, r2, script, r3, r4, r5, r6, r7, r8, mod, esm, s1, s2, s3, s4, s5 });
});

// --- browser extension pages (background, devtools panel) ---------------------

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (msg.type === 'run') {
    // Manifest V2: the content script names code to run in its tab.
    // ruleid: js.taint.code-injection
    chrome.tabs.executeScript(sender.tab.id, { code: msg.snippet, allFrames: true });
  }
  // A fixed file, the message only picks the tab.
  // ok: js.taint.code-injection
  chrome.tabs.executeScript(msg.tabId, { file: 'inject.js' });
  // ok: js.taint.code-injection
  chrome.tabs.executeScript(msg.tabId, { code: 'document.body.dataset.ready = "1"' });
  sendResponse({ ok: true });
});

browser.runtime.onMessageExternal.addListener(async (request) => {
  const { selector } = request;
  // ruleid: js.taint.code-injection
  await browser.tabs.executeScript({ code: `document.querySelector(${selector}).click()` });
  // ok: js.taint.code-injection
  await browser.tabs.executeScript({ code: `document.querySelector(${JSON.stringify(selector)}).click()` });
});

chrome.runtime.onMessageExternal.addListener((request, sender) => {
  // ruleid: js.taint.code-injection
  chrome.devtools.inspectedWindow.eval(request.expression, (result) => console.log(result));
  // ruleid: js.taint.code-injection
  chrome.userScripts.execute({ target: { tabId: request.tabId }, js: [{ code: request.source }] });
  // ok: js.taint.code-injection
  chrome.userScripts.register([{ id: 'x', matches: ['https://example.com/*'], js: [{ file: 'user.js' }] }]);
});

// The listener checks the sender first: only the extension's own site.
chrome.runtime.onMessageExternal.addListener((request, sender) => {
  if (sender.origin !== 'https://app.example.com') return;
  // ok: js.taint.code-injection
  chrome.devtools.inspectedWindow.eval(request.expression);
});

window.addEventListener('message', (event) => {
  if (event.origin !== 'https://app.example.com') {
    return;
  }
  // ok: js.taint.code-injection
  eval(event.data.script);
});

// Scripts loaded by URL in a page or a worker (js.taint.module-load).
function loadByUrl() {
  const params = new URLSearchParams(location.search);
  const lib = params.get('lib');
  // ruleid: js.taint.module-load
  $.getScript(lib);
  // ruleid: js.taint.module-load
  const w = new Worker(lib, { type: 'module' });
  // ruleid: js.taint.module-load
  const sw = new SharedWorker('/workers/' + lib);
  // ok: js.taint.module-load
  jQuery.getScript('/js/widgets.js');
  // ok: js.taint.module-load
  const w2 = new Worker(new URL('./worker.js', import.meta.url));
  // ok: js.taint.module-load
  w.postMessage(lib);
  return [w, sw, w2];
}
self.addEventListener('message', (e) => {
  // ruleid: js.taint.module-load
  importScripts('/vendor/a.js', e.data.lib);
  // ok: js.taint.module-load
  importScripts('/vendor/a.js', '/vendor/b.js');
});
