import * as vscode from 'vscode';

function getHtml(title: string): string {
  return `<!DOCTYPE html><html><body><h1>${title}</h1></body></html>`;
}

export function activate(context: vscode.ExtensionContext) {
  context.subscriptions.push(
    vscode.commands.registerCommand('demo.preview', async () => {
      const title = await vscode.window.showInputBox({ prompt: 'Title' });
      const panel = vscode.window.createWebviewPanel('demo', 'Preview', vscode.ViewColumn.One, {});
      panel.webview.html = getHtml(title || '');
    })
  );
}
