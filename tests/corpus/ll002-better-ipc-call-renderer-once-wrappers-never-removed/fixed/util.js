'use strict';

const uniqueId = () => `${Date.now()}-${Math.random()}`;

module.exports.rendererSendChannel = (windowId, channel) => `%ipc-send-${windowId}-${channel}`;

module.exports.rendererReplyChannels = (windowId, channel) => {
	const id = uniqueId();
	return {
		sendChannel: module.exports.rendererSendChannel(windowId, channel),
		dataChannel: `%ipc-reply-data-${windowId}-${channel}-${id}`,
		errorChannel: `%ipc-reply-error-${windowId}-${channel}-${id}`
	};
};
