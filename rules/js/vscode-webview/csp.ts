// Tests for js.vscode.webview-csp-unsafe-script (vscode-webview.yaml) in a
// typed WebviewViewProvider.
import * as vscode from 'vscode';

export class GraphView implements vscode.WebviewViewProvider {
  constructor(private readonly media: vscode.Uri) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    view.webview.options = { enableScripts: true, localResourceRoots: [this.media] };
    view.webview.html = this.html(view.webview, nonceOf());
  }

  private html(webview: vscode.Webview, nonce: string): string {
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.media, 'graph.js'));
    return `<!DOCTYPE html><html><head>
      // ruleid: js.vscode.webview-csp-unsafe-script
      <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-eval' 'nonce-${nonce}';">
      </head><body><script nonce="${nonce}" src="${script}"></script></body></html>`;
  }
}

const policies: Record<'strict' | 'dev', string> = {
  // ok: js.vscode.webview-csp-unsafe-script
  strict: "default-src 'none'; script-src 'sha256-RFWPLDbv2BY+rCkDzsE+0fr8ylGr2R2faWMhq4lfEQc='",
  // ruleid: js.vscode.webview-csp-unsafe-script
  dev: "default-src 'none'; script-src 'unsafe-inline' http://localhost:5173",
};

export function policyFor(mode: keyof typeof policies, webview: vscode.Webview): string {
  // ruleid: js.vscode.webview-csp-unsafe-script
  const loose = `script-src ${webview.cspSource} data:`;
  // ok: js.vscode.webview-csp-unsafe-script
  const tight = `script-src ${webview.cspSource}`;
  return mode === 'dev' ? `${policies.dev}; ${loose}` : `${policies[mode]}; ${tight}`;
}

function nonceOf(): string {
  // ok: js.vscode.webview-csp-unsafe-script
  return 'ABCDEFGHIJKLMNOP'.split('').sort(() => Math.random() - 0.5).join('');
}
