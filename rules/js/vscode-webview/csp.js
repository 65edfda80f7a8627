// Tests for js.vscode.webview-csp-unsafe-script (vscode-webview.yaml):
// webview HTML with a Content-Security-Policy.
const vscode = require('vscode');

// Findings point at the directive, inside the HTML: the annotations there
// are lines of the template (`rules test` reads // lines as annotations).
function previewHtml(webview, body) {
  // ok: js.vscode.webview-csp-unsafe-script
  return `<!DOCTYPE html>
<html>
<head>
  <meta http-equiv="Content-Security-Policy"
// ruleid: js.vscode.webview-csp-unsafe-script
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

// A concatenation: at the part that holds the weak directive.
const JOINED =
  // ok: js.vscode.webview-csp-unsafe-script
  "default-src 'none'; " +
  // ruleid: js.vscode.webview-csp-unsafe-script
  "script-src 'self' 'unsafe-eval'";

// Comment lines are not looked at (a finding on them, unannotated, would
// fail the test):
// never script-src 'unsafe-inline' here
/**
 * script-src * would load anything.
 */

// Text about a policy, not one.
// ok: js.vscode.webview-csp-unsafe-script
const HELP = 'Set script-src in your settings to allow inline scripts.';

function nonce() {
  return vscode.env.sessionId.slice(0, 16);
}

module.exports = { previewHtml, chartHtml, safeHtml, CDN_POLICY, LOOSE, JOINED, FALLBACK, ONLY_SOURCE, HELP };
