// Tests for electron.yaml.
const { BrowserWindow, BrowserView } = require('electron');
const path = require('path');

const a = new BrowserWindow({
  width: 800,
  // ruleid: js.electron.insecure-web-preferences
  webPreferences: { nodeIntegration: true },
});

const b = new BrowserWindow({
  // ruleid: js.electron.insecure-web-preferences
  webPreferences: { preload: path.join(__dirname, 'preload.js'), contextIsolation: false },
});

const c = new BrowserView({
  // ruleid: js.electron.insecure-web-preferences, js.electron.sandbox-disabled
  webPreferences: { webSecurity: false, sandbox: false },
});

const d = new BrowserWindow({
  // ok: js.electron.insecure-web-preferences, js.electron.sandbox-disabled
  webPreferences: { nodeIntegration: false, contextIsolation: true, sandbox: true },
});

const e = new BrowserWindow({
  // ok: js.electron.insecure-web-preferences
  webPreferences: { preload: path.join(__dirname, 'preload.js') },
});

// Not webPreferences: other libraries' options of the same names.
// ok: js.electron.insecure-web-preferences, js.electron.sandbox-disabled
const vmOptions = { sandbox: false, nodeIntegration: true };

const f = new BrowserWindow({
  // ruleid: js.electron.sandbox-disabled
  webPreferences: { sandbox: false, preload: path.join(__dirname, 'p.js') },
});
