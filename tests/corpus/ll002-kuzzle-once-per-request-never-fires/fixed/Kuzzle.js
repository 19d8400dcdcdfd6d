'use strict';

const WebSocketProtocol = require('./AbstractWrapper');
const uuidv4 = require('./uuidv4');

class Kuzzle {
  constructor(host, options = {}) {
    // One protocol object for the life of the SDK instance.
    this.protocol = new WebSocketProtocol(host, options);
  }

  connect() {
    return this.protocol.connect();
  }

  query(request = {}) {
    request.requestId = request.requestId || uuidv4();
    return this.protocol.query(request);
  }

  get(index, collection, id) {
    return this.query({ index, collection, controller: 'document', action: 'get', _id: id });
  }
}

module.exports = Kuzzle;
