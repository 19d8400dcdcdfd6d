'use strict';

const net = require('net');
const EventEmitter = require('events');
const flex = require('./flex-parser');

class Radio extends EventEmitter {
  constructor(descriptor) {
    super();
    this.host = descriptor.host;
    this.port = descriptor.port;
    this.nextRequestSequenceNumber = 1;
    // expect: LL001
    this.requests = {};
    this.streamBuffer = '';
  }

  connect() {
    this.connection = net.createConnection(this.port, this.host);
    this.connection.on('data', (data) => this._receiveData(data));
  }

  send(request, callback) {
    if (!request) return;
    this._sendRequest(request, callback);
  }

  _sendRequest(request, callback) {
    const sequenceNumber = this.nextRequestSequenceNumber++;
    this.requests[sequenceNumber] = { sequence_number: sequenceNumber, request, callback };
    this.connection.write(flex.encode_request(sequenceNumber, request) + '\n');
  }

  _receiveData(rawData) {
    this.streamBuffer += rawData.toString('utf8');
    let idx;
    while ((idx = this.streamBuffer.indexOf('\n')) >= 0) {
      const line = this.streamBuffer.substring(0, idx);
      this.streamBuffer = this.streamBuffer.substring(idx + 1);
      this._receiveMessage(line);
    }
  }

  _receiveMessage(encoded) {
    const message = flex.decode(encoded);
    if (!message) return;
    if (message.type === 'response') {
      const request = this.requests[message.sequence_number];
      if (request && request.callback) {
        request.callback(message);
      }
    } else {
      this.emit(message.type, message);
    }
  }
}

module.exports = Radio;
