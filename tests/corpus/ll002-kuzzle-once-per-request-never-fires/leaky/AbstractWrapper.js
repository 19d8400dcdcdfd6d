'use strict';

const KuzzleEventEmitter = require("events");
const KuzzleError = require('../../KuzzleError');

class AbstractWrapper extends KuzzleEventEmitter {
  constructor(host, options = {}) {
    super();
    this.host = host;
    this.port = typeof options.port === 'number' ? options.port : 7512;
    this.state = 'offline';
  }

  clientConnected(state) {
    this.state = state || 'ready';
    this.emit('connect');
  }

  close() {
    this.state = 'offline';
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
      // expect: LL002
      this.once(request.requestId, (response) => {
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
