const { exec } = require('child_process');
const vscode = require('vscode');
const { ipcMain } = require('electron');

// VS Code: what a webview posts back, documents' text, input boxes, URIs.
function activate(context) {
  const panel = vscode.window.createWebviewPanel('p', 'P', vscode.ViewColumn.One, {});
  panel.webview.onDidReceiveMessage((message) => {
    // ruleid: test.sources.plugin-hosts
    exec('git checkout ' + message.branch);
  });
  const text = vscode.window.activeTextEditor.document.getText();
  // ruleid: test.sources.plugin-hosts
  exec('echo ' + text);
  vscode.window.showInputBox({ prompt: 'Branch' }).then((b) => {
    // ruleid: test.sources.plugin-hosts
    exec('git checkout ' + b);
  });
  vscode.window.registerUriHandler({
    handleUri(uri) {
      // ruleid: test.sources.plugin-hosts
      exec('open ' + uri.query);
    },
  });
  const n = vscode.window.activeTextEditor.document.lineCount;
  // ok: test.sources.plugin-hosts
  exec('echo ' + n);
  // ok: test.sources.plugin-hosts
  exec('echo ' + context.extensionPath);
}

// Electron: every argument after the event.
ipcMain.handleOnce('run', (event, cmd) => {
  // ruleid: test.sources.plugin-hosts
  exec(cmd);
});
ipcMain.on('log', (event) => {
  // ok: test.sources.plugin-hosts
  exec('echo ' + event.processId);
});

// The same through the module object: electron.ipcMain.
const electronMod = require('electron');
electronMod.ipcMain.handle('open', async (event, target, opts) => {
  // ruleid: test.sources.plugin-hosts
  exec('xdg-open ' + target);
  // ruleid: test.sources.plugin-hosts
  exec('echo ' + opts.label);
  // ok: test.sources.plugin-hosts
  exec('echo ' + event.processId);
});
electronMod.ipcMain.once('quit', function (event, code) {
  // ruleid: test.sources.plugin-hosts
  exec('echo ' + code);
});
// Another object's on() with the same shape is no IPC handler.
electronMod.app.on('open-url', (event, url) => {
  // ok: test.sources.plugin-hosts
  exec('echo ' + typeof url);
});
emitter.on('data', (event, payload) => {
  // ok: test.sources.plugin-hosts
  exec('echo ' + payload);
});

// Browser extensions: messages and tabs.
chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  // ruleid: test.sources.plugin-hosts
  exec('echo ' + msg.cmd);
  // ok: test.sources.plugin-hosts
  exec('echo ' + chrome.runtime.id);
});
browser.runtime.onMessageExternal.addListener(function (request) {
  // ruleid: test.sources.plugin-hosts
  exec(request.command);
});
// A listener that checks who sent the message first.
chrome.runtime.onMessageExternal.addListener((msg, sender) => {
  if (sender.id !== 'kbfnbcaeplbcioakkpcpgfkobkghlhen') return;
  // ok: test.sources.plugin-hosts
  exec('echo ' + msg.cmd);
});
chrome.runtime.onMessageExternal.addListener(async (msg, sender) => {
  if (!TRUSTED_ORIGINS.has(sender.origin)) {
    return { error: 'denied' };
  }
  // ok: test.sources.plugin-hosts
  exec('echo ' + msg.cmd);
});
chrome.runtime.onMessage.addListener((msg, sender) => {
  if (sender.url === 'https://app.example.com/') {
    // ok: test.sources.plugin-hosts
    exec('echo ' + msg.cmd);
  }
});
chrome.runtime.onMessage.addListener((msg, sender) => {
  // A check of the message is no check of its sender.
  if (!msg.cmd) return;
  // ruleid: test.sources.plugin-hosts
  exec('echo ' + msg.cmd);
});
chrome.tabs.onUpdated.addListener((tabId, changeInfo, tab) => {
  // ruleid: test.sources.plugin-hosts
  exec('echo ' + tab.url);
  // ok: test.sources.plugin-hosts
  exec('echo ' + tabId);
});
chrome.tabs.query({ active: true }, (tabs) => {
  // ruleid: test.sources.plugin-hosts
  exec('echo ' + tabs[0].title);
});
chrome.storage.local.get('k', (items) => {
  // ok: test.sources.plugin-hosts
  exec('echo ' + items.k);
});

// Pages: the cookie, URL parameters, messages from other windows.
const token = document.cookie.split('=')[1];
// ruleid: test.sources.plugin-hosts
exec('echo ' + token);
const q = new URLSearchParams(location.search).get('q');
// ruleid: test.sources.plugin-hosts
exec('echo ' + q);
window.addEventListener('message', ({ data }) => {
  // ruleid: test.sources.plugin-hosts
  exec(data.cmd);
});
// Messages from a window checked against an origin (and left otherwise).
window.addEventListener('message', (event) => {
  if (event.origin !== 'https://app.example.com') return;
  // ok: test.sources.plugin-hosts
  exec(event.data.cmd);
});
window.addEventListener('message', function (e) {
  if (e.origin === window.location.origin) {
    // ok: test.sources.plugin-hosts
    exec(e.data.cmd);
  }
  // ruleid: test.sources.plugin-hosts
  exec(e.data.cmd);
});
self.onmessage = (event) => {
  if (!ALLOWED.includes(event.origin)) {
    throw new Error('origin ' + event.origin);
  }
  // ok: test.sources.plugin-hosts
  exec(event.data.cmd);
};
// A worker's (or a page's) global handler, assigned without a receiver.
onmessage = (event) => {
  // ruleid: test.sources.plugin-hosts
  exec(event.data.cmd);
  // ok: test.sources.plugin-hosts
  exec('echo ' + event.type);
};
onmessage = function (e) {
  const { cmd } = e.data;
  // ruleid: test.sources.plugin-hosts
  exec(cmd);
};
onmessage = function (e) {
  if (e.origin !== 'https://app.example.com') return;
  // ok: test.sources.plugin-hosts
  exec(e.data.cmd);
};
onmessage = ({ data }) => {
  // ruleid: test.sources.plugin-hosts
  exec('run ' + data.job);
};
worker.onmessage = ({ data }) => {
  // ruleid: test.sources.plugin-hosts
  exec('run ' + data.job);
};
// A handler of another event is no message.
onerror = function (e) {
  // ok: test.sources.plugin-hosts
  exec(e.data);
};
// A content script's check that the message comes from its own window is
// no origin check: the page posts to that window.
window.addEventListener('message', (event) => {
  if (event.source !== window) return;
  // ruleid: test.sources.plugin-hosts
  exec(event.data.cmd);
});
// ok: test.sources.plugin-hosts
exec('echo ' + document.title);

// Electron: URLs a page opens or navigates to.
const { BrowserWindow } = require('electron');
const shown = new BrowserWindow({});
shown.webContents.setWindowOpenHandler(({ url }) => {
  // ruleid: test.sources.plugin-hosts
  exec('xdg-open ' + url);
  return { action: 'deny' };
});
shown.webContents.setWindowOpenHandler((details) => {
  // ruleid: test.sources.plugin-hosts
  exec('xdg-open ' + details.url);
  // ok: test.sources.plugin-hosts
  exec('xdg-open https://example.com/' + shown.id);
  return { action: 'deny' };
});
shown.webContents.on('will-navigate', (event, url) => {
  // ruleid: test.sources.plugin-hosts
  exec('xdg-open ' + url);
});
shown.webContents.on('did-finish-load', (event, other) => {
  // ok: test.sources.plugin-hosts
  exec('xdg-open ' + other);
});
shown.on('close', (event, url) => {
  // ok: test.sources.plugin-hosts
  exec('echo ' + url);
});
