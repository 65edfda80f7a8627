import { BrowserWindow, ipcMain } from 'electron';

export function wire(win: BrowserWindow) {
  ipcMain.on('highlight', (_event, selector: string) => {
    win.webContents.executeJavaScript(`document.querySelector('${selector}').classList.add('hl')`);
  });
}
