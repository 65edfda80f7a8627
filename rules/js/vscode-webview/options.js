// More tests for vscode-webview.yaml in JavaScript: webview options of a
// made-up "Task Board" extension, with no security policy in the file.
const vscode = require('vscode');

function boardPanel() {
  return vscode.window.createWebviewPanel('taskBoard', 'Tasks', vscode.ViewColumn.One, {
    // ruleid: js.vscode.webview-scripts-without-csp, js.vscode.webview-default-resource-roots
    enableScripts: true,
    // ruleid: js.vscode.webview-command-uris
    enableCommandUris: true,
  });
}

function settingsPanel(extensionUri) {
  return vscode.window.createWebviewPanel('taskBoard.settings', 'Settings', vscode.ViewColumn.One, {
    // ok: js.vscode.webview-scripts-without-csp, js.vscode.webview-default-resource-roots
    enableScripts: false,
    // ok: js.vscode.webview-command-uris
    enableCommandUris: ['taskBoard.open'],
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')],
  });
}

// ok: js.vscode.webview-scripts-without-csp, js.vscode.webview-default-resource-roots
const printable = { enableScripts: false, retainContextWhenHidden: false };

module.exports = { boardPanel, settingsPanel, printable };
