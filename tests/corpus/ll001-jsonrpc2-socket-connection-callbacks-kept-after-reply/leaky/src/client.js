var net = require('net');
var SocketConnection = require('./socket-connection.js');

var Client = function Client(port, host) {
	this.port = port;
	this.host = host;
};

Client.prototype.handleCall = function (msg, conn, callback) {
	callback(null, null);
};

Client.prototype.connectSocket = function connectSocket(callback) {
	var socket = net.connect(this.port, this.host);
	var conn = new SocketConnection(this, socket);
	var buffer = '';

	socket.on('data', function (chunk) {
		buffer += chunk;
		var lines = buffer.split('\n');
		buffer = lines.pop();
		lines.forEach(function (line) {
			conn.handleMessage(JSON.parse(line));
		});
	});
	socket.on('connect', function () {
		callback(null, conn);
	});
	return conn;
};

module.exports = Client;
