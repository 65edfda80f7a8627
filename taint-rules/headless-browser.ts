// Tests for headless-browser.yaml (js.taint.headless-browser): Electron and
// typed puppeteer code.
import { BrowserWindow, ipcMain } from 'electron';
import * as vscode from 'vscode';
import type { Page } from 'puppeteer';
import type { Request, Response } from 'express';

export function openDocs(win: BrowserWindow): void {
  const url = vscode.workspace.getConfiguration('docs').get<string>('home') ?? '';
  // ruleid: js.taint.headless-browser
  void win.loadURL(url);
  // ruleid: js.taint.headless-browser
  void win.webContents.loadURL('data:text/html,' + url);
  // ok: js.taint.headless-browser
  void win.loadURL('https://docs.example.com/' + encodeURIComponent(url));
  // ok: js.taint.headless-browser
  void win.loadFile('index.html');
}

export async function render(page: Page, req: Request, res: Response): Promise<void> {
  const html = req.body.html as string;
  // ruleid: js.taint.headless-browser
  await page.setContent(html, { waitUntil: 'load' });
  // ruleid: js.taint.headless-browser
  await page.evaluateOnNewDocument(`window.cfg = ${req.body.cfg}`);
  // ok: js.taint.headless-browser
  await page.evaluateOnNewDocument(`window.cfg = ${JSON.stringify(req.body.cfg)}`);
  // ok: js.taint.headless-browser
  await page.evaluate((h: string) => { document.body.textContent = h; }, html);
  const win = new BrowserWindow({ show: false });
  // ruleid: js.taint.headless-browser
  await win.webContents.executeJavaScript(`run("${req.body.cmd}")`);
  // ok: js.taint.headless-browser
  await win.webContents.executeJavaScript('run()');
  res.end();
}

// Electron IPC: a renderer (any page the app shows) names what the main
// process loads or runs.
export function wireIpc(win: BrowserWindow): void {
  ipcMain.handle('open-page', async (_event, url: string) => {
    const child = new BrowserWindow({ parent: win });
    // ruleid: js.taint.headless-browser
    await child.loadURL(url);
    // ok: js.taint.headless-browser
    await child.loadURL('https://app.example.com/pages/' + encodeURIComponent(url));
  });
  ipcMain.on('highlight', (_event, selector: string) => {
    // ruleid: js.taint.headless-browser
    void win.webContents.executeJavaScript(`document.querySelector('${selector}').classList.add('hl')`);
    // ok: js.taint.headless-browser
    void win.webContents.executeJavaScript(`hl(${JSON.stringify(selector)})`);
  });
  ipcMain.once('go', (_event, target: { url: string; zoom: number }) => {
    // ruleid: js.taint.headless-browser
    void win.loadURL(target.url);
    // ok: js.taint.headless-browser
    win.webContents.setZoomFactor(target.zoom);
    // ok: js.taint.headless-browser
    void win.loadURL('https://app.example.com/');
  });
}
