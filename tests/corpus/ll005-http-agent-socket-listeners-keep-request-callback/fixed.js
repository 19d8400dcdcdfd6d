'use strict';
const net = require('net');
const EventEmitter = require('events');

function Agent(options) {
  EventEmitter.call(this);
  this.options = Object.assign({}, options);
  this.sockets = {};
  this.freeSockets = {};
}
Object.setPrototypeOf(Agent.prototype, EventEmitter.prototype);

Agent.prototype.createConnection = net.createConnection;

Agent.prototype.addRequest = function addRequest(req, options) {
  this.createSocket(req, options, function (err, socket) {
    if (err) return req.emit('error', err);
    req.onSocket(socket);
  });
};

Agent.prototype.createSocket = function createSocket(req, options, cb) {
  const agent = this;
  const name = options.host + ':' + options.port;
  let called = false;
  const newSocket = agent.createConnection(options, oncreate);
  if (newSocket) oncreate(null, newSocket);

  function oncreate(err, s) {
    if (called) return;
    called = true;
    if (err) return cb(err);
    if (!agent.sockets[name]) agent.sockets[name] = [];
    agent.sockets[name].push(s);
    installListeners(agent, s, options);
    cb(null, s);
  }
};

// Declared at the top level: the listeners' context holds only these three.
function installListeners(agent, s, options) {
  s.on('free', function onFree() {
    agent.emit('free', s, options);
  });
  s.on('close', function onClose() {
    agent.removeSocket(s, options);
  });
}

module.exports = Agent;
