'use strict';

const KuzzleEventEmitter = require("events");
const KuzzleError = require('../../KuzzleError');

class AbstractWrapper extends KuzzleEventEmitter {
  constructor(host, options = {}) {
    super();
    this.host = host;
    this.port = typeof options.port === 'number' ? options.port : 7512;
    this.state = 'offline';
    this._pendingRequests = new Map();
  }

  clientConnected(state) {
    this.state = state || 'ready';
    this.emit('connect');
  }

  close() {
    this.state = 'offline';
    this.clear();
  }

  // Settle every request still waiting: its once() listener fires and is removed.
  clear() {
    for (const request of this._pendingRequests.values()) {
      this.emit('discarded', request);
      this.emit(request.requestId, { error: { message: 'Connection closed', status: 500 } });
    }
    this._pendingRequests.clear();
  }

  isReady() {
    return this.state === 'ready';
  }

  query(request) {
    if (!this.isReady()) {
      this.emit('discarded', request);
      return Promise.reject(new Error('Unable to execute request: not connected to a Kuzzle server.'));
    }

    return new Promise((resolve, reject) => {
      this._pendingRequests.set(request.requestId, request);
      this.once(request.requestId, (response) => {
        this._pendingRequests.delete(request.requestId);
        if (response.error) {
          return reject(new KuzzleError(response.error));
        }
        return resolve(response);
      });

      this.send(request);
    });
  }
}

module.exports = AbstractWrapper;
