// Tests for vscode-webview.yaml. A VS Code extension with several webviews;
// no CSP meta tag in this file (vscode-webview.ts has one).
const vscode = require('vscode');
const os = require('os');
const path = require('path');
const { Uri, window: win } = require('vscode');

function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('notes.open', () => {
      const panel = vscode.window.createWebviewPanel('notes', 'Notes', vscode.ViewColumn.One, {
        // ruleid: js.vscode.webview-scripts-without-csp, js.vscode.webview-default-resource-roots
        enableScripts: true,
        retainContextWhenHidden: true,
      });
      panel.webview.html = render();
    }),
  );
}

function openRooted(context) {
  return win.createWebviewPanel('files', 'Files', 1, {
    // ruleid: js.vscode.webview-scripts-without-csp
    enableScripts: true,
    // ok: js.vscode.webview-command-uris
    enableCommandUris: ['notes.refresh'],
    localResourceRoots: [
      // ok: js.vscode.webview-root-resource-roots
      Uri.joinPath(context.extensionUri, 'media'),
      // ruleid: js.vscode.webview-root-resource-roots
      Uri.file('/'),
      // ruleid: js.vscode.webview-root-resource-roots
      vscode.Uri.file(os.homedir()),
      // ruleid: js.vscode.webview-root-resource-roots
      vscode.Uri.parse('file:///'),
      // ruleid: js.vscode.webview-root-resource-roots
      Uri.file('C:\\'),
      // ruleid: js.vscode.webview-root-resource-roots
      Uri.file(path.parse(context.extensionPath).root),
      // ok: js.vscode.webview-root-resource-roots
      Uri.file(path.join(context.extensionPath, 'out')),
    ],
  });
}

// A WebviewViewProvider sets the options on the view's webview.
class NotesViewProvider {
  constructor(extensionUri) {
    this.extensionUri = extensionUri;
  }

  resolveWebviewView(webviewView) {
    webviewView.webview.options = {
      // ruleid: js.vscode.webview-scripts-without-csp
      enableScripts: true,
      // ruleid: js.vscode.webview-command-uris
      enableCommandUris: true,
      // ok: js.vscode.webview-root-resource-roots
      localResourceRoots: [this.extensionUri],
    };
    webviewView.webview.html = render();
  }
}

const base = { localResourceRoots: [] };
const withBase = {
  ...base,
  // ok: js.vscode.webview-default-resource-roots
  // ruleid: js.vscode.webview-scripts-without-csp
  enableScripts: true,
  // ok: js.vscode.webview-command-uris
  enableCommandUris: false,
};

function staticPanel() {
  return vscode.window.createWebviewPanel('about', 'About', 1, {
    // ok: js.vscode.webview-scripts-without-csp, js.vscode.webview-default-resource-roots
    enableScripts: false,
    // ok: js.vscode.webview-root-resource-roots
    localResourceRoots: [vscode.Uri.file('/opt/notes/media')],
  });
}

function scriptsOnly() {
  return vscode.window.createWebviewPanel('x', 'X', 1, {
    // ruleid: js.vscode.webview-default-resource-roots, js.vscode.webview-scripts-without-csp
    enableScripts: true,
    // ruleid: js.vscode.webview-command-uris
    enableCommandUris: true,
  });
}

// Not a webview's options: the root of another list.
// ok: js.vscode.webview-root-resource-roots
const watched = [vscode.Uri.file('/')];

function render() {
  return '<html><body><div id="app"></div><script src="main.js"></script></body></html>';
}

module.exports = { activate, openRooted, NotesViewProvider, withBase, staticPanel, scriptsOnly, watched };
