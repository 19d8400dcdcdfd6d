'use strict';

const { EventEmitter } = require('events');
const { ExpiringMap } = require('./common');

class Server extends EventEmitter {
  constructor(clientExpirationTime) {
    super();
    this.clients = new Map();
    this._clientsBySessionId = new ExpiringMap(clientExpirationTime || 1000 * 60 * 60);
    this.on('connect', this._onClientConnect.bind(this));
    this.on('disconnect', this._onClientDisconnect.bind(this));
  }

  _onClientConnect(connection) {
    this.clients.set(connection.id, connection);
    this._clientsBySessionId.set(connection.session.id, connection);
  }

  _onClientDisconnect(connection) {
    this.clients.delete(connection.id);
    this._clientsBySessionId.delete(connection.session.id);
  }
}

module.exports = { Server };
