import { BrowserWindow } from 'electron';
import updater from './updater';

export function newWindow() {
  const win = new BrowserWindow({ show: false });
  // sent again on every reload of the window
  win.webContents.on('did-finish-load', () => {
    win.show();
    updater(win);
  });
  win.loadURL('app://index.html');
  return win;
}
