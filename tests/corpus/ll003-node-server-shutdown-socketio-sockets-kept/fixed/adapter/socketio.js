'use strict';

module.exports = {
	close(io, callback) {
		// io.close() has no callback; only attached servers have an engine
		if (io.engine) {
			io.close();
		}
		callback();
	},
	socketClose(socket) {
		socket.disconnect(true);
	}
};
