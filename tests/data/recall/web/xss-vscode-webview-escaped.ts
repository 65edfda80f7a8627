import * as vscode from 'vscode';

function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function activate(context: vscode.ExtensionContext) {
  context.subscriptions.push(
    vscode.commands.registerCommand('demo.preview', async () => {
      const title = await vscode.window.showInputBox({ prompt: 'Title' });
      const panel = vscode.window.createWebviewPanel('demo', 'Preview', vscode.ViewColumn.One, {});
      panel.webview.html = `<h1>${escapeHtml(title || '')}</h1>`;
    })
  );
}
