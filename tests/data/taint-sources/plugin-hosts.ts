import { exec } from 'child_process';
import * as vscode from 'vscode';
import { ipcMain, IpcMainInvokeEvent } from 'electron';

class Handler implements vscode.UriHandler {
  handleUri(uri: vscode.Uri): void {
    // ruleid: test.sources.plugin-hosts
    exec('open ' + uri.path);
  }
  other(u: vscode.Uri): void {
    // ok: test.sources.plugin-hosts
    exec('open ' + u.path);
  }
}

export function activate(context: vscode.ExtensionContext) {
  vscode.workspace.onDidSaveTextDocument((doc: vscode.TextDocument) => {
    // ruleid: test.sources.plugin-hosts
    exec('lint ' + doc.getText());
    // ok: test.sources.plugin-hosts
    exec('lint ' + doc.version);
  });
  context.subscriptions.push(vscode.window.registerUriHandler(new Handler()));
}

ipcMain.handle('open', async (_e: IpcMainInvokeEvent, path: string, line: number) => {
  // ruleid: test.sources.plugin-hosts
  exec('code ' + path);
  // ok: test.sources.plugin-hosts
  exec('code --version');
});

chrome.runtime.onMessage.addListener((msg: { url: string }) => {
  // ruleid: test.sources.plugin-hosts
  exec('curl ' + msg.url);
});

const hash: string = location.hash.slice(1);
// ruleid: test.sources.plugin-hosts
exec(hash);
// ok: test.sources.plugin-hosts
exec(location.protocol === 'https:' ? 'secure' : 'plain');
