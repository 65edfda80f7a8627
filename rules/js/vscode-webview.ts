// Tests for vscode-webview.yaml: a webview the way VS Code's guide builds
// it, with a Content-Security-Policy meta tag and a nonce.
import * as vscode from 'vscode';
import { homedir } from 'node:os';

function getWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    // ok: js.vscode.webview-scripts-without-csp, js.vscode.webview-default-resource-roots
    enableScripts: true,
    // ok: js.vscode.webview-root-resource-roots
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

export class CatCodingPanel {
  public static readonly viewType = 'catCoding';

  public static create(extensionUri: vscode.Uri): vscode.WebviewPanel {
    const options: vscode.WebviewPanelOptions & vscode.WebviewOptions = {
      // ok: js.vscode.webview-scripts-without-csp
      // ruleid: js.vscode.webview-default-resource-roots
      enableScripts: true,
      retainContextWhenHidden: true,
    };
    return vscode.window.createWebviewPanel(CatCodingPanel.viewType, 'Cat Coding', vscode.ViewColumn.One, options);
  }

  public static wide(): vscode.WebviewPanel {
    return vscode.window.createWebviewPanel('wide', 'Wide', vscode.ViewColumn.Two, {
      // ok: js.vscode.webview-scripts-without-csp
      enableScripts: true,
      // ruleid: js.vscode.webview-command-uris
      enableCommandUris: true,
      localResourceRoots: [
        // ruleid: js.vscode.webview-root-resource-roots
        vscode.Uri.file(homedir()),
        // ruleid: js.vscode.webview-root-resource-roots
        vscode.Uri.file(process.env.HOME as string),
        // ok: js.vscode.webview-root-resource-roots
        vscode.Uri.file('/home'.concat('/cat')),
      ],
    } satisfies vscode.WebviewOptions);
  }

  public static html(webview: vscode.Webview, scriptUri: vscode.Uri): string {
    const nonce = getNonce();
    return `<!DOCTYPE html>
      <html lang="en">
      <head>
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${webview.cspSource}; script-src 'nonce-${nonce}';">
      </head>
      <body><script nonce="${nonce}" src="${scriptUri}"></script></body>
      </html>`;
  }
}

// ok: js.vscode.webview-command-uris
const linksOnly: vscode.WebviewOptions = { enableCommandUris: ['catCoding.refresh'] };

function getNonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let text = '';
  for (let i = 0; i < 32; i++) {
    text += chars.charAt(Math.floor(Math.random() * chars.length));
  }
  return text;
}

export { getWebviewOptions, linksOnly };
