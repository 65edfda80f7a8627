// Tests for xss.yaml (js.taint.xss): a VS Code webview. Webview HTML that
// embeds outside text runs script with the webview's message channel.
import * as vscode from 'vscode';
import * as http from 'node:http';
import escape from 'escape-html';

export function openPreview(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('demo.preview', (title: string) => {
      const panel = vscode.window.createWebviewPanel('demo', 'Preview', vscode.ViewColumn.One, {});
      // ruleid: js.taint.xss
      panel.webview.html = `<html><body><h1>${title}</h1></body></html>`;
    }),
  );

  context.subscriptions.push(
    vscode.commands.registerCommand('demo.previewSafe', (title: string) => {
      const panel = vscode.window.createWebviewPanel('demo', 'Preview', vscode.ViewColumn.One, {});
      // ok: js.taint.xss
      panel.webview.html = `<html><body><h1>${escape(title)}</h1></body></html>`;
    }),
  );
}

// A raw node:http server: req.url is not in the source list, but the body is.
http.createServer((req: http.IncomingMessage, res: http.ServerResponse) => {
  let body = '';
  req.on('data', (chunk: Buffer) => {
    body += chunk.toString();
  });
  req.on('end', () => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    // ruleid: js.taint.xss
    res.end('<pre>' + body + '</pre>');
  });
}).listen(3000);
