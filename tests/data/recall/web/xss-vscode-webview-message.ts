import * as vscode from 'vscode';

export function openChat(panel: vscode.WebviewPanel) {
  panel.webview.onDidReceiveMessage((message: { command: string; text: string }) => {
    if (message.command === 'echo') {
      panel.webview.html = renderChat(message.text);
    }
  });
}

function renderChat(text: string) {
  return '<div class="bubble">' + text + '</div>';
}
