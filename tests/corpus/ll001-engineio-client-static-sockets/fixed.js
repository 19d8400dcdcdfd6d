var Emitter = require('component-emitter');

module.exports = Socket;

function Socket(uri, opts) {
  if (!(this instanceof Socket)) return new Socket(uri, opts);
  opts = opts || {};
  this.uri = uri;
  this.transports = opts.transports || ['polling', 'websocket'];
  this.readyState = '';
  this.writeBuffer = [];
  Socket.sockets.push(this);
  Socket.sockets.evs.emit('add', this);
  this.open();
}

Socket.sockets = [];
Socket.sockets.evs = new Emitter();

Emitter(Socket.prototype);

Socket.prototype.open = function () {
  this.readyState = 'opening';
};

Socket.prototype.onClose = function (reason) {
  this.readyState = 'closed';
  this.writeBuffer = [];
  var index = Socket.sockets.indexOf(this);
  if (index !== -1) Socket.sockets.splice(index, 1);
  this.emit('close', reason);
};
