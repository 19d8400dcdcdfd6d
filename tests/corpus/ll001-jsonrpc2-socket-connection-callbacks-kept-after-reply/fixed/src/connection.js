var util = require('util');
var events = require('events');

var Connection = function Connection(ep) {
	events.EventEmitter.call(this);
	this.endpoint = ep;
	this.callbacks = {};
	this.latestId = 0;
	this.on('error', function () {});
};

util.inherits(Connection, events.EventEmitter);

Connection.prototype.call = function call(method, params, callback) {
	if (!Array.isArray(params)) params = [params];

	var id = null;
	if ('function' === typeof callback) {
		id = ++this.latestId;
		this.callbacks[id] = callback;
	}
	this.write(JSON.stringify({ method: method, params: params, id: id }));
};

Connection.prototype.write = function write(data) {
	throw new Error('Tried to write data on unsupported connection type.');
};

Connection.prototype.handleMessage = function handleMessage(msg) {
	if (msg.hasOwnProperty('result') || msg.hasOwnProperty('error') &&
			msg.hasOwnProperty('id') && 'function' === typeof this.callbacks[msg.id]) {
		try {
			this.callbacks[msg.id](msg.error, msg.result);
			delete this.callbacks[msg.id];
		} catch (err) {
			// ignore errors of the caller's callback
		}
	} else if (msg.hasOwnProperty('method')) {
		this.endpoint.handleCall(msg, this, function () {});
	}
};

module.exports = Connection;
