var inherits = require('inherits');
var EventEmitter = require('nanobus');

inherits(SimpleSignalServer, EventEmitter);

function SimpleSignalServer(io) {
  if (!(this instanceof SimpleSignalServer)) return new SimpleSignalServer(io);
  EventEmitter.call(this);
  this._sockets = {};

  io.on('connection', (socket) => {
    socket.on('simple-signal[discover]', this._onDiscover.bind(this, socket));
    socket.on('disconnect', this._onDisconnect.bind(this, socket));
  });
}

SimpleSignalServer.prototype._onDiscover = function (socket, discoveryData) {
  const discoveryRequest = { socket, discoveryData };
  discoveryRequest.discover = (id = socket.id, data = {}) => {
    // expect: LL003
    this._sockets[id] = socket;
    socket.clientId = id;
    socket.emit('simple-signal[discover]', { id, discoveryData: data });
    socket.on('simple-signal[signal]', this._onSignal.bind(this, socket));
  };

  if (this.listeners('discover').length === 0) {
    discoveryRequest.discover();
  } else {
    this.emit('discover', discoveryRequest);
  }
};

SimpleSignalServer.prototype._onSignal = function (socket, { target, sessionId, signal }) {
  if (!this._sockets[target]) return;
  this._sockets[target].emit('simple-signal[signal]', { sessionId, signal });
};

SimpleSignalServer.prototype._onDisconnect = function (socket) {
  this.emit('disconnect', socket);
};

module.exports = SimpleSignalServer;
