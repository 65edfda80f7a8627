// Tests for headless-browser.yaml (js.taint.headless-browser).
const express = require('express');
const puppeteer = require('puppeteer');
const { chromium } = require('playwright');
const CDP = require('chrome-remote-interface');
const pdf = require('html-pdf');
const wkhtmltopdf = require('wkhtmltopdf');
const escapeHtml = require('escape-html');

const app = express();

app.get('/shot', async (req, res) => {
  const browser = await puppeteer.launch();
  const page = await browser.newPage();
  // ruleid: js.taint.headless-browser
  await page.goto(req.query.url, { waitUntil: 'networkidle0' });
  // ok: js.taint.headless-browser
  await page.goto('https://reports.example.com/view/' + req.query.id);
  // ok: js.taint.headless-browser
  await page.goto('https://reports.example.com/');
  // ruleid: js.taint.headless-browser
  await page.setContent(`<h1>${req.query.title}</h1>`);
  // ok: js.taint.headless-browser
  await page.setContent(`<h1>${escapeHtml(req.query.title)}</h1>`);
  // ruleid: js.taint.headless-browser
  const v = await page.evaluate('document.title = "' + req.query.title + '"');
  // Data handed to a fixed function is an argument, not code.
  // ok: js.taint.headless-browser
  const w = await page.evaluate((t) => { document.title = t; }, req.query.title);
  // ruleid: js.taint.headless-browser
  await page.addScriptTag({ url: req.query.lib });
  // ok: js.taint.headless-browser
  await page.addScriptTag({ path: require.resolve('./inject.js') });
  res.send(await page.screenshot({ type: 'png' }), v, w);
});

app.post('/pw', async (req, res) => {
  const browser = await chromium.launch();
  const context = await browser.newContext();
  // ruleid: js.taint.headless-browser
  await context.addInitScript(req.body.script);
  // ok: js.taint.headless-browser
  await context.addInitScript({ path: 'preload.js' });
  const page = await context.newPage();
  // ruleid: js.taint.headless-browser
  await page.evaluateHandle(`window.${req.body.fn}()`);
  res.end();
});

app.post('/cdp', async (req, res) => {
  const client = await CDP();
  const { Runtime } = client;
  // ruleid: js.taint.headless-browser
  await Runtime.evaluate({ expression: req.body.expr, returnByValue: true });
  // ok: js.taint.headless-browser
  await Runtime.evaluate({ expression: 'document.title', returnByValue: true });
  res.end();
});

app.post('/pdf', (req, res) => {
  // ruleid: js.taint.headless-browser
  pdf.create('<p>' + req.body.note + '</p>', { format: 'A4' }).toStream((err, s) => s.pipe(res));
  // ok: js.taint.headless-browser
  pdf.create('<p>' + escapeHtml(req.body.note) + '</p>').toBuffer(() => {});
  // ruleid: js.taint.headless-browser
  wkhtmltopdf(req.body.url, { pageSize: 'letter' }).pipe(res);
  // ok: js.taint.headless-browser
  wkhtmltopdf('https://example.com/invoice/' + encodeURIComponent(req.body.id)).pipe(res);
});

// mathjs-style evaluate on another receiver is no headless sink.
app.get('/calc', (req, res) => {
  const math = require('mathjs');
  // ok: js.taint.headless-browser
  res.json(math.evaluate(req.query.expr));
});

// Electron IPC in CommonJS: the arguments after the event come from a renderer.
const electron = require('electron');
electron.ipcMain.handle('print', async (event, html) => {
  const printWin = new electron.BrowserWindow({ show: false });
  // ruleid: js.taint.headless-browser
  await printWin.loadURL('data:text/html;charset=utf-8,' + html);
  // ok: js.taint.headless-browser
  await printWin.loadURL('data:text/html;charset=utf-8,' + encodeURIComponent(html));
  // The event's sender is the renderer, not data it chose.
  // ok: js.taint.headless-browser
  await printWin.loadURL(event.senderFrame ? 'about:blank' : 'about:blank');
});
