const { app, BrowserWindow, ipcMain } = require('electron');
const path = require('path');

let win;
app.whenReady().then(() => {
  win = new BrowserWindow({ width: 800, height: 600 });
});

ipcMain.handle('open-help', async () => {
  await win.loadURL(`file://${path.join(__dirname, 'help.html')}`);
});
