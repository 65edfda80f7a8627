// Tests for command-injection.yaml (js.taint.command-injection): a VS Code
// extension, execa, typed code.
import * as vscode from 'vscode';
import { execa, execaCommand } from 'execa';
import { exec } from 'child_process';
import shellEscape from 'shell-escape';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('demo.runTask', async (task: string) => {
      // Command arguments can come from command: links in rendered markdown.
      // ruleid: js.taint.command-injection
      await execaCommand(`npm run ${task}`);
    }),
  );

  context.subscriptions.push(
    vscode.commands.registerCommand('demo.lint', async () => {
      const cfg = vscode.workspace.getConfiguration('demo');
      const linter = cfg.get<string>('linterPath', 'eslint');
      // A workspace setting picks the program (a cloned repo's .vscode/settings.json).
      // ruleid: js.taint.command-injection
      await execa(linter, ['.']);
      // ok: js.taint.command-injection
      await execa('eslint', ['--format', String(linter)]);
    }),
  );

  context.subscriptions.push(
    vscode.commands.registerCommand('demo.grep', async () => {
      const term = await vscode.window.showInputBox({ prompt: 'Search for' });
      if (!term) {
        return;
      }
      // ruleid: js.taint.command-injection
      exec('grep -rn ' + term + ' .');
      // ok: js.taint.command-injection
      exec('grep -rn ' + shellEscape([term]) + ' .');
    }),
  );
}

function countLines(lines: number): void {
  // taint_assume_safe_numbers: a number cannot carry shell syntax.
  // ok: js.taint.command-injection
  exec('tail -n ' + lines + ' build.log');
}

export function tailLog(): void {
  const n = vscode.workspace.getConfiguration('demo').get<number>('tailLines', 20);
  countLines(n);
}

export async function runShell(): Promise<void> {
  const extra = vscode.workspace.getConfiguration('demo').get<string>('extraArgs', '');
  // execa with shell: true joins the arguments into one command line.
  // ruleid: js.taint.command-injection
  await execa('prettier', [extra], { shell: true });
}

// --- simple-git (typed) ------------------------------------------------------------

import { simpleGit, SimpleGit } from 'simple-git';

export async function mirror(req: Request, res: Response): Promise<void> {
  const git: SimpleGit = simpleGit('/srv/mirrors');
  const url = req.body.url as string;
  // ruleid: js.taint.command-injection
  await git.clone(url, 'mirror', ['--bare']);
  // ruleid: js.taint.command-injection
  await git.fetch(req.body.remote as string, 'main');
  // ok: js.taint.command-injection
  await git.fetch('origin', 'main');
  // ok: js.taint.command-injection
  await git.clone('https://example.com/fixed.git', 'fixed');
  // ruleid: js.taint.command-injection
  await simpleGit().raw(['ls-remote', url]);
  res.end();
}

// --- VS Code terminals and tasks (typed) ---------------------------------------------

interface RunMessage {
  command: 'run' | 'stop';
  script: string;
}

export class TerminalPanel {
  private readonly terminal: vscode.Terminal = vscode.window.createTerminal('Panel');

  constructor(private readonly panel: vscode.WebviewPanel) {
    panel.webview.onDidReceiveMessage(async (message: RunMessage) => {
      // ruleid: js.taint.command-injection
      this.terminal.sendText(`yarn ${message.script}`);
      // ok: js.taint.command-injection
      this.terminal.sendText(`yarn ${shellEscape([message.script])}`);
      const term: vscode.Terminal = vscode.window.activeTerminal ?? vscode.window.createTerminal();
      // ruleid: js.taint.command-injection
      term.sendText(message.script, false);
      // ok: js.taint.command-injection
      term.sendText('yarn stop');
      // ruleid: js.taint.command-injection
      const shell = new vscode.ShellExecution(`yarn ${message.script}`);
      // ok: js.taint.command-injection
      const fixed = new vscode.ProcessExecution('yarn', ['run', 'build']);
      await vscode.tasks.executeTask(
        new vscode.Task({ type: 'yarn' }, vscode.TaskScope.Workspace, 'y', 'yarn', shell ?? fixed),
      );
    });
  }
}

// --- util.promisify(exec/execFile); options held in a variable ----------------------

import { promisify } from 'node:util';
import * as cp from 'node:child_process';
import type { Request, Response } from 'express';

const run = promisify(exec);
const runFile = promisify(cp.execFile);

export async function ping({ query }: Request, res: Response): Promise<void> {
  const host = String(query.host);
  // ruleid: js.taint.command-injection
  const a = await run(`ping -c 1 ${host}`);
  // ok: js.taint.command-injection
  const b = await run('ping -c 1 localhost');
  // ok: js.taint.command-injection
  const c = await runFile('ping', ['-c', '1', host]);
  // ruleid: js.taint.command-injection
  const d = await runFile(host, ['-c', '1']);
  const shellOpts = { shell: true, timeout: 5000 };
  // ruleid: js.taint.command-injection
  cp.spawn('ping', ['-c', '1', host], shellOpts);
  const plainOpts = { shell: false, timeout: 5000 };
  // ok: js.taint.command-injection
  cp.spawn('ping', ['-c', '1', host], plainOpts);
  res.json({ a: a.stdout, b: b.stdout, c: c.stdout, d: d.stdout });
}

// --- Electron: shell.openExternal ---------------------------------------------------

// (Imported as desktop: a later `const shell` elsewhere in a file ends the
// alias, which is tracked per file in source order.)
import { BrowserWindow, shell as desktop, ipcMain } from 'electron';
import type { HandlerDetails } from 'electron';

export function guardWindow(win: BrowserWindow): void {
  win.webContents.setWindowOpenHandler((details: HandlerDetails) => {
    // ruleid: js.taint.command-injection
    void desktop.openExternal(details.url);
    return { action: 'deny' };
  });
  win.webContents.setWindowOpenHandler(({ url }: HandlerDetails) => {
    if (!url.startsWith('https://')) return { action: 'deny' };
    // ok: js.taint.command-injection
    void desktop.openExternal(url);
    return { action: 'deny' };
  });
  ipcMain.on('open-link', (_e, link: string) => {
    // ruleid: js.taint.command-injection
    void desktop.openExternal(link, { activate: true });
    // ok: js.taint.command-injection
    void desktop.openExternal('https://example.com/support');
  });
}
