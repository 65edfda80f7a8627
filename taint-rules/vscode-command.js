// Tests for vscode-command.yaml (js.taint.vscode-command).
const vscode = require('vscode');
const { commands } = require('vscode');
const http = require('http');

const ALLOWED = ['demo.refresh', 'demo.openSettings'];

// --- webview messages ------------------------------------------------------

function openPanel(context) {
  const panel = vscode.window.createWebviewPanel('demo', 'Demo', vscode.ViewColumn.One, {
    enableScripts: true,
  });
  panel.webview.onDidReceiveMessage(
    async (message) => {
      // The webview names the command: any script in it runs any command.
      // ruleid: js.taint.vscode-command
      await vscode.commands.executeCommand(message.command, ...message.args);
      // ok: js.taint.vscode-command
      await vscode.commands.executeCommand('demo.refresh', message.args);
      if (ALLOWED.includes(message.command)) {
        // ok: js.taint.vscode-command
        await vscode.commands.executeCommand(message.command);
      }
      if (message.command === 'demo.openSettings') {
        // ok: js.taint.vscode-command
        await commands.executeCommand(message.command);
      }
    },
    undefined,
    context.subscriptions,
  );
}

function forward(webview) {
  webview.onDidReceiveMessage(function ({ type, payload }) {
    const id = `demo.${type}`;
    const action = 'workbench.action.' + type;
    // ruleid: js.taint.vscode-command
    commands.executeCommand(type, payload);
    // Only the extension's own commands (demo.*).
    // ok: js.taint.vscode-command
    commands.executeCommand(id);
    // Any workbench action, terminal.sendSequence included.
    // ruleid: js.taint.vscode-command
    commands.executeCommand(action);
    if (type.startsWith('demo.')) {
      // ok: js.taint.vscode-command
      commands.executeCommand(type);
    }
    if (type.startsWith('workbench.')) {
      // ruleid: js.taint.vscode-command
      commands.executeCommand(type);
    }
  });
}

// --- vscode:// links -------------------------------------------------------

vscode.window.registerUriHandler({
  handleUri(uri) {
    const params = new URLSearchParams(uri.query);
    // vscode://publisher.demo/run?cmd=workbench.action.terminal.sendSequence
    // ruleid: js.taint.vscode-command
    vscode.commands.executeCommand(params.get('cmd'));
    // ok: js.taint.vscode-command
    vscode.commands.executeCommand('vscode.open', vscode.Uri.file('/tmp/readme.md'));
  },
});

// --- a local server ----------------------------------------------------------

http
  .createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    // ruleid: js.taint.vscode-command
    vscode.commands.executeCommand(url.searchParams.get('command'));
    res.end();
  })
  .listen(0);

// --- not outside input -------------------------------------------------------

vscode.commands.registerCommand('demo.run', (id) => {
  // A command's own argument: wrapping commands is ordinary.
  // ok: js.taint.vscode-command
  vscode.commands.executeCommand(id);
});
const configured = vscode.workspace.getConfiguration('demo').get('onSave');
// ok: js.taint.vscode-command
vscode.commands.executeCommand(configured);
