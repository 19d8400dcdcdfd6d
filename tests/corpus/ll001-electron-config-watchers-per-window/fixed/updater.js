import { app, autoUpdater } from 'electron';

let channel = 'stable';

export default function updater(win) {
  const onDownloaded = () => win.webContents.send('update available');
  autoUpdater.on('update-downloaded', onDownloaded);

  const unsubscribe = app.config.subscribe(() => {
    const { updateChannel } = app.config.getConfig();
    if (updateChannel !== channel) {
      channel = updateChannel;
      autoUpdater.checkForUpdates();
    }
  });

  win.on('close', () => {
    autoUpdater.removeListener('update-downloaded', onDownloaded);
    unsubscribe();
  });
}
