const EventEmitter = require('events').EventEmitter;

class Crawler extends EventEmitter {
  queue(uri) {
    this.emit('schedule', uri);
  }
}

module.exports = Crawler;
