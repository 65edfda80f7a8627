const { app, BrowserWindow, ipcMain } = require('electron');

let win;
app.whenReady().then(() => {
  win = new BrowserWindow({ width: 800, height: 600 });
  win.loadFile('index.html');
});

ipcMain.handle('open-page', async (event, url) => {
  const child = new BrowserWindow({ parent: win });
  await child.loadURL(url);
  return true;
});
