var util = require('util');
var Connection = require('./connection.js');

// One class for both ends of a raw socket.
var SocketConnection = function (endpoint, conn) {
	Connection.call(this, endpoint);
	var self = this;
	this.conn = conn;
	this.autoReconnect = true;
	this.ended = false;

	this.conn.on('close', function (hadError) {
		self.emit('close', hadError);
		if (self.autoReconnect && !self.ended) {
			setTimeout(self.reconnect.bind(self), hadError ? 200 : 0);
		}
	});
};

util.inherits(SocketConnection, Connection);

SocketConnection.prototype.write = function write(data) {
	if (!this.conn.writable) return;
	this.conn.write(data);
};

SocketConnection.prototype.end = function end() {
	this.ended = true;
	this.conn.end();
};

SocketConnection.prototype.reconnect = function reconnect() {
	this.ended = false;
	this.conn.connect(this.endpoint.port, this.endpoint.host);
};

module.exports = SocketConnection;
