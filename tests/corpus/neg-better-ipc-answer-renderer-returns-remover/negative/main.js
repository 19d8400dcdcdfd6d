'use strict';
const {app, BrowserWindow} = require('electron');
const ipc = require('./ipc');
const store = require('./store');

app.whenReady().then(() => {
	const win = new BrowserWindow({width: 900, height: 700});
	win.loadFile('index.html');

	ipc.answerRenderer('get-settings', async () => store.read());
	ipc.answerRenderer('save-settings', async settings => {
		await store.write(settings);
		return true;
	});
});
