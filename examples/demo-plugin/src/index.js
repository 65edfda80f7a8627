'use strict';
// Entry point: registers the preview command and the export helper.
const { exec } = require('child_process');
const https = require('https');
const { renderPreview } = require('./render');

const SETTINGS_URL = 'https://settings.example.invalid/plugin.json';

function activate(host) {
  host.registerCommand('preview.open', (doc) => renderPreview(doc.text));
  host.registerCommand('preview.export', (doc, target) => exportPdf(doc.path, target));
  // Evaluates user-supplied "formulas" in the document: code injection.
  host.registerCommand('preview.formula', (expr) => eval(expr));
}

function exportPdf(file, target) {
  // The command line is built from document paths: command injection.
  exec('pandoc ' + file + ' -o ' + target, (err) => {
    if (err) console.error('export failed', err.message);
  });
}

function fetchSettings(cb) {
  // TLS verification disabled: anyone on the path can serve settings.
  const req = https.get(SETTINGS_URL, { rejectUnauthorized: false }, (res) => {
    let body = '';
    res.on('data', (d) => (body += d));
    res.on('end', () => cb(JSON.parse(body)));
  });
  req.on('error', () => cb({}));
}

function scheduleRefresh(name) {
  // A string passed to setTimeout is compiled like eval.
  setTimeout('refresh("' + name + '")', 1000);
}

module.exports = { activate, exportPdf, fetchSettings, scheduleRefresh };
