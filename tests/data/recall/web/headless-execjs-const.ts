import { BrowserWindow, ipcMain } from 'electron';

export function wire(win: BrowserWindow) {
  ipcMain.on('scroll-top', () => {
    win.webContents.executeJavaScript('window.scrollTo(0, 0)');
  });
}
