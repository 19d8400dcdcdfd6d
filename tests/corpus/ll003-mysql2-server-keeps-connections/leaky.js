var net = require('net');
var util = require('util');
var EventEmitter = require('events').EventEmitter;
var Connection = require('./connection');
var ConnectionConfig = require('./connection_config');

function Server() {
  EventEmitter.call(this);
  this.connections = [];
  this._server = net.createServer(this._handleConnection.bind(this));
}
util.inherits(Server, EventEmitter);

Server.prototype._handleConnection = function (socket) {
  var config = new ConnectionConfig({ stream: socket, isServer: true });
  var connection = new Connection({ config: config });
  this.emit('connection', connection);
  // expect: LL003
  this.connections.push(connection);
};

Server.prototype.listen = function (port, host) {
  this._server.listen(port, host);
  return this;
};

Server.prototype.close = function (cb) {
  this._server.close(cb);
};

module.exports = Server;
