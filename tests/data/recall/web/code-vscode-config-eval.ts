import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext) {
  context.subscriptions.push(vscode.commands.registerCommand('calc.run', () => {
    const formula = vscode.workspace.getConfiguration('calc').get<string>('formula', '1+1');
    const value = eval(formula);
    vscode.window.showInformationMessage(`= ${value}`);
  }));
}
