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
// ok: test.sources.plugin-hosts
exec('echo ' + document.title);
