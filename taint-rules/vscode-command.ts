// Tests for vscode-command.yaml (js.taint.vscode-command): typed providers.
import * as vscode from 'vscode';

type FromWebview =
  | { kind: 'run'; command: string; args?: unknown[] }
  | { kind: 'open'; file: string };

const OWN_COMMANDS: ReadonlySet<string> = new Set(['demo.build', 'demo.clean']);

export class SidebarProvider implements vscode.WebviewViewProvider {
  constructor(private readonly extensionUri: vscode.Uri) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    view.webview.options = { enableScripts: true, localResourceRoots: [this.extensionUri] };
    view.webview.onDidReceiveMessage(async (msg: FromWebview) => {
      switch (msg.kind) {
        case 'run': {
          const { command, args = [] } = msg;
          // ruleid: js.taint.vscode-command
          await vscode.commands.executeCommand<void>(command, ...args);
          if (!OWN_COMMANDS.has(command)) {
            return;
          }
          // ok: js.taint.vscode-command
          await vscode.commands.executeCommand<void>(command, ...args);
          break;
        }
        case 'open':
          // ok: js.taint.vscode-command
          await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(msg.file));
          break;
      }
    });
  }
}

// Reached through a helper: reported at the helper's executeCommand.
async function dispatch<T>(name: string): Promise<T | undefined> {
  // ruleid: js.taint.vscode-command
  return vscode.commands.executeCommand<T>(name);
}

export function registerPanel(panel: vscode.WebviewPanel): vscode.Disposable {
  return panel.webview.onDidReceiveMessage(async (m: { command: string }) => {
    await dispatch<void>(m.command);
  });
}

export class LinkHandler implements vscode.UriHandler {
  handleUri(uri: vscode.Uri): void {
    const target = uri.path.slice(1);
    // ruleid: js.taint.vscode-command
    void vscode.commands.executeCommand(target);
    // ok: js.taint.vscode-command
    void vscode.commands.executeCommand('demo.showWelcome', uri.path.length);
  }
}
