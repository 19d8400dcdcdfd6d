var EventEmitter = require('events').EventEmitter;

function Server(options) {
  EventEmitter.call(this);
  this.options = options || {};
  this.clients = {};
  this.clientsCount = 0;
  this.nextId = 0;
}

Server.prototype.__proto__ = EventEmitter.prototype;

Server.prototype.onConnection = function (client) {
  var self = this;
  var id = this.nextId++;
  this.clients[id] = client;
  this.clientsCount++;

  client.on('close', function () {
    delete self.clients[id];
    self.clientsCount--;
  });

  this.emit('connection', client);
};

module.exports = Server;
