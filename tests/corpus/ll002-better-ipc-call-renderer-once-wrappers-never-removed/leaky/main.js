'use strict';
const {ipcMain} = require('electron');
const {deserializeError} = require('serialize-error');
const util = require('./util');

const ipc = Object.create(ipcMain || {});

ipc.callRenderer = (browserWindow, channel, data) => new Promise((resolve, reject) => {
	if (!browserWindow) {
		throw new Error('Browser window required');
	}

	const {sendChannel, dataChannel, errorChannel} = util.rendererReplyChannels(browserWindow.id, channel);

	const cleanup = () => {
		ipc.off(dataChannel, onData);
		ipc.off(errorChannel, onError);
	};

	const onData = (event, result) => {
		cleanup();
		resolve(result);
	};

	const onError = (event, error) => {
		cleanup();
		reject(error);
	};

	// expect: LL002
	ipc.once(dataChannel, (event, result) => {
		onData(event, result);
	});

	// expect: LL002
	ipc.once(errorChannel, (event, error) => {
		onError(event, deserializeError(error));
	});

	if (browserWindow.webContents) {
		browserWindow.webContents.send(sendChannel, {dataChannel, errorChannel, userData: data});
	}
});

module.exports = ipc;
