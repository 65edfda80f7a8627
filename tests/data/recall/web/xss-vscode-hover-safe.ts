import * as vscode from 'vscode';

export class WordHover implements vscode.HoverProvider {
  provideHover(document: vscode.TextDocument, position: vscode.Position) {
    const range = document.getWordRangeAtPosition(position);
    const word = document.getText(range);
    const md = new vscode.MarkdownString();
    md.appendText(word);
    return new vscode.Hover(md);
  }
}
