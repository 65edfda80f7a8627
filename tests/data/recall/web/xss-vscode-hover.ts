import * as vscode from 'vscode';

export class WordHover implements vscode.HoverProvider {
  provideHover(document: vscode.TextDocument, position: vscode.Position) {
    const range = document.getWordRangeAtPosition(position);
    const word = document.getText(range);
    const md = new vscode.MarkdownString(`**${word}**`);
    md.supportHtml = true;
    md.isTrusted = true;
    return new vscode.Hover(md);
  }
}
