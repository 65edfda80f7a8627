// More tests for vscode-webview.yaml in TypeScript: a preview panel and a
// report view of a made-up "Log Lens" extension, with no security policy
// in the file (so every enableScripts: true is without one).
import * as vscode from 'vscode';
import * as path from 'node:path';

export function openPreview(context: vscode.ExtensionContext): vscode.WebviewPanel {
  const options: vscode.WebviewPanelOptions & vscode.WebviewOptions = {
    // ruleid: js.vscode.webview-scripts-without-csp, js.vscode.webview-default-resource-roots
    enableScripts: true,
    // ruleid: js.vscode.webview-command-uris
    enableCommandUris: true,
    retainContextWhenHidden: true,
  };
  return vscode.window.createWebviewPanel('logLens.preview', 'Preview', vscode.ViewColumn.Two, options);
}

export class ReportProvider implements vscode.WebviewViewProvider {
  constructor(private readonly extensionUri: vscode.Uri) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    view.webview.options = {
      // ok: js.vscode.webview-default-resource-roots
      // ruleid: js.vscode.webview-scripts-without-csp
      enableScripts: true,
      // ok: js.vscode.webview-command-uris
      enableCommandUris: false,
      localResourceRoots: [
        // ok: js.vscode.webview-root-resource-roots
        vscode.Uri.joinPath(this.extensionUri, 'dist'),
        // ruleid: js.vscode.webview-root-resource-roots
        vscode.Uri.file(path.parse(this.extensionUri.fsPath).root),
      ],
    };
  }
}

export async function showDiff(left: string): Promise<void> {
  const panel = vscode.window.createWebviewPanel('logLens.diff', 'Diff', vscode.ViewColumn.Beside, {
    // ruleid: js.vscode.webview-scripts-without-csp, js.vscode.webview-default-resource-roots
    enableScripts: true,
    // ruleid: js.vscode.webview-command-uris
    enableCommandUris: true,
  });
  panel.webview.html = `<pre>${left.length}</pre>`;
}

export function staticAbout(): vscode.WebviewOptions {
  // ok: js.vscode.webview-scripts-without-csp, js.vscode.webview-default-resource-roots
  return { enableScripts: false, enableCommandUris: ['logLens.refresh'] };
}

// ok: js.vscode.webview-command-uris
export const readOnly: vscode.WebviewOptions = { enableCommandUris: false };
