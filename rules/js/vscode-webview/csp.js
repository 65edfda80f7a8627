// Tests for js.vscode.webview-csp-unsafe-script (vscode-webview.yaml):
// webview HTML with a Content-Security-Policy.
const vscode = require('vscode');

function previewHtml(webview, body) {
  // ruleid: js.vscode.webview-csp-unsafe-script
  return `<!DOCTYPE html>
<html>
<head>
  <meta http-equiv="Content-Security-Policy"
        content="default-src 'none'; style-src ${webview.cspSource} 'unsafe-inline'; script-src 'unsafe-inline' ${webview.cspSource};">
</head>
<body>${body}<script>const vscode = acquireVsCodeApi();</script></body>
</html>`;
}

function chartHtml(webview, nonce) {
  // 'unsafe-eval' counts next to a nonce.
  // ruleid: js.vscode.webview-csp-unsafe-script
  const csp = `default-src 'none'; script-src 'nonce-${nonce}' 'unsafe-eval';`;
  return `<meta http-equiv="Content-Security-Policy" content="${csp}"><script nonce="${nonce}" src="chart.js"></script>`;
}

// ruleid: js.vscode.webview-csp-unsafe-script
const CDN_POLICY = "default-src 'none'; img-src https:; script-src https: 'self'";

// ruleid: js.vscode.webview-csp-unsafe-script
const LOOSE = "default-src * 'unsafe-inline' data: blob:";

function safeHtml(webview, nonce) {
  // 'unsafe-inline' for styles only; scripts by nonce.
  // ok: js.vscode.webview-csp-unsafe-script
  return `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${webview.cspSource} https:; style-src ${webview.cspSource} 'unsafe-inline'; script-src 'nonce-${nonce}';">`;
}

// Browsers ignore 'unsafe-inline' next to a nonce (CSP level 2).
// ok: js.vscode.webview-csp-unsafe-script
const FALLBACK = `script-src 'unsafe-inline' 'nonce-${nonce()}' ${cspSource}`;

// ok: js.vscode.webview-csp-unsafe-script
const ONLY_SOURCE = `default-src 'none'; script-src ${cspSource}; font-src https://fonts.example.com`;

// A concatenation is reported at the literal that holds the directive.
const JOINED =
  // ok: js.vscode.webview-csp-unsafe-script
  "default-src 'none'; " +
  // ruleid: js.vscode.webview-csp-unsafe-script
  "script-src 'self' 'unsafe-eval'";

// Text about a policy, not one.
// ok: js.vscode.webview-csp-unsafe-script
const HELP = 'Set script-src in your settings to allow inline scripts.';

function nonce() {
  return vscode.env.sessionId.slice(0, 16);
}

module.exports = { previewHtml, chartHtml, safeHtml, CDN_POLICY, LOOSE, JOINED, FALLBACK, ONLY_SOURCE, HELP };
