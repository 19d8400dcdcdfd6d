import { app } from 'electron';
import * as config from './config';
import { newWindow } from './window';

// Plugins and the updater reach the config module through the app object.
app.config = config;

app.on('ready', () => {
  config.setup(process.env.CONFIG_PATH);
  newWindow();
  app.on('activate', () => newWindow());
});
