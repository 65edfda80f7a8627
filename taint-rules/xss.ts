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

// A webview view showing the active document and the workspace's settings.
export class OutlineViewProvider implements vscode.WebviewViewProvider {
  public resolveWebviewView(webviewView: vscode.WebviewView): void {
    webviewView.webview.options = { enableScripts: true, localResourceRoots: [] };
    const doc = vscode.window.activeTextEditor?.document;
    const text = doc ? doc.getText() : '';
    // ruleid: js.taint.xss
    webviewView.webview.html = '<html><body><pre>' + text + '</pre></body></html>';
    const title = vscode.workspace.getConfiguration('outline').get<string>('title', 'Outline');
    // ruleid: js.taint.xss
    webviewView.webview.html = `<html><body><h1>${title}</h1></body></html>`;
    webviewView.webview.onDidReceiveMessage((message: { label: string }) => {
      // ruleid: js.taint.xss
      webviewView.webview.html = `<html><body><p>${message.label}</p></body></html>`;
      // ok: js.taint.xss
      webviewView.webview.html = `<html><body><p>${escape(message.label)}</p></body></html>`;
    });
    // ok: js.taint.xss
    webviewView.webview.html = `<html><body><p>${doc?.lineCount ?? 0} lines</p></body></html>`;
  }
}

// Typed DOM URL properties.
export function typedLinks(form: HTMLFormElement): void {
  const next: string = new URLSearchParams(location.search).get('next') ?? '';
  const anchor: HTMLAnchorElement = document.createElement('a');
  // todoruleid: js.taint.xss
  anchor.href = next;
  // ok: js.taint.xss
  anchor.href = '/go?to=' + encodeURIComponent(next);
  // ruleid: js.taint.xss
  form.action = next as string;
  const frame: HTMLIFrameElement = document.createElement('iframe');
  // ruleid: js.taint.xss
  frame.src = next;
  // ok: js.taint.xss
  frame.src = 'https://player.example.com/embed/' + next;
  // ok: js.taint.xss
  anchor.textContent = next;
}

// Typed: an escaper known by its name, an allow-list choice.
const VIEWS: readonly string[] = ['list', 'grid'];
function htmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
export function renderView(panel: vscode.WebviewPanel, title: string, view: string): void {
  // ok: js.taint.xss
  panel.webview.html = `<h1>${htmlEscape(title)}</h1>`;
  // ok: js.taint.xss
  panel.webview.html = `<main class="${VIEWS.includes(view) ? view : 'list'}"></main>`;
  // ruleid: js.taint.xss
  panel.webview.html = `<main class="${VIEWS.includes(view) ? title : 'list'}"></main>`;
  // ruleid: js.taint.xss
  panel.webview.html = `<h1>${title.trim()}</h1>`;
}
vscode.commands.registerCommand('demo.view', (title: string, view: string) => {
  const panel = vscode.window.createWebviewPanel('demo', 'View', vscode.ViewColumn.One, {});
  renderView(panel, title, view);
});
