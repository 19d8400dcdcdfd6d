'use strict';

const EventEmitter = require('events').EventEmitter;

class SSE extends EventEmitter {
  constructor(initial) {
    super();
    this.initial = initial ? [].concat(initial) : [];
    this.init = this.init.bind(this);
  }

  init(req, res) {
    let id = 0;
    res.statusCode = 200;
    res.setHeader('Content-Type', 'text/event-stream');
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Connection', 'keep-alive');

    // expect: LL002
    this.on('data', (data) => {
      res.write(`id: ${id}\n`);
      id += 1;
      res.write(`data: ${JSON.stringify(data)}\n\n`);
    });

    this.initial.forEach((item) => this.send(item));
  }

  send(data) {
    this.emit('data', data);
  }
}

module.exports = SSE;
