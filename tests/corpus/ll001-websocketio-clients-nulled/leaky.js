var EventEmitter = require('events').EventEmitter;

function Server(options) {
  EventEmitter.call(this);
  this.options = options || {};
  // expect: LL001
  this.clients = [];
  this.clientsCount = 0;
}

Server.prototype.__proto__ = EventEmitter.prototype;

Server.prototype.onConnection = function (client) {
  var self = this;
  var id = this.clients.length;
  this.clients.push(client);
  this.clientsCount++;

  client.on('close', function () {
    self.clients[id] = null;
    self.clientsCount--;
  });

  this.emit('connection', client);
};

module.exports = Server;
