'use strict';
const {ipcMain, BrowserWindow} = require('electron');
const {serializeError} = require('serialize-error');

const sendChannelFor = channel => `%ipc-send-${channel}`;

const ipc = Object.create(ipcMain || {});

ipc.answerRenderer = (channel, callback) => {
	const sendChannel = sendChannelFor(channel);

	const listener = async (event, data) => {
		const browserWindow = BrowserWindow.fromWebContents(event.sender);
		const reply = (replyChannel, payload) => {
			if (!(browserWindow && browserWindow.isDestroyed())) {
				event.sender.send(replyChannel, payload);
			}
		};

		const {dataChannel, errorChannel, userData} = data;
		try {
			reply(dataChannel, await callback(userData, browserWindow));
		} catch (error) {
			reply(errorChannel, serializeError(error));
		}
	};

	ipcMain.on(sendChannel, listener);

	return () => {
		ipcMain.off(sendChannel, listener);
	};
};

module.exports = ipc;
