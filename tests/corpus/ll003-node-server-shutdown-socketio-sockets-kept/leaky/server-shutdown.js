'use strict';

const httpAdapter = require('./adapter/http');
const socketioAdapter = require('./adapter/socketio');

function noop() {}

class ServerShutdown {
	constructor() {
		// expect: LL001
		this.sockets = new Set();
		this.servers = new Set();
		this.adapters = new Map();
		this.stopped = false;
		this._serverConnectionHandler = this._serverConnectionHandler.bind(this);
		this._socketRequestHandler = this._socketRequestHandler.bind(this);

		this.registerAdapter(ServerShutdown.Adapters.http, httpAdapter);
		this.registerAdapter(ServerShutdown.Adapters.socketio, socketioAdapter);
	}

	registerAdapter(name, adapter) {
		this.adapters.set(name, adapter);
	}

	registerServer(server, adapterName) {
		const name = adapterName || ServerShutdown.Adapters.http;
		if (!this.adapters.has(name)) {
			throw new Error(`unknown adapter ${name}`);
		}
		const adapter = this.adapters.get(name);

		this.servers.add(server);
		server.serverShutdownAdapter = adapter;
		server.on('request', this._socketRequestHandler);
		server.on('connection', (s) => this._serverConnectionHandler(s, adapter));
		server.on('secureConnection', (s) => this._serverConnectionHandler(s, adapter));
	}

	shutdown(callback) {
		const pending = [];
		for (const server of this.servers) {
			pending.push(new Promise((done) => server.serverShutdownAdapter.close(server, done)));
		}
		this.stopped = true;
		for (const socket of this.sockets) {
			if (socket.serverShutdownIdle) {
				this._destroySocket(socket);
			}
		}
		Promise.all(pending).then(() => (callback || noop)());
	}

	_serverConnectionHandler(socket, adapter) {
		socket.serverShutdownIdle = true;
		socket.serverShutdownAdapter = adapter;
		// expect: LL003
		this.sockets.add(socket);
		socket.on('close', () => {
			this.sockets.delete(socket);
		});
	}

	_socketRequestHandler(req, res) {
		req.socket.serverShutdownIdle = false;
		res.on('finish', () => {
			req.socket.serverShutdownIdle = true;
			if (this.stopped) {
				this._destroySocket(req.socket);
			}
		});
	}

	_destroySocket(socket) {
		socket.serverShutdownAdapter.socketClose(socket);
		this.sockets.delete(socket);
	}
}

ServerShutdown.Adapters = {
	http: 'http',
	socketio: 'socketio'
};

module.exports = ServerShutdown;
