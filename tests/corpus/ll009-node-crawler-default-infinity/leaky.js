const EventEmitter = require('events').EventEmitter;

// expect: LL009
EventEmitter.defaultMaxListeners = Infinity;

class Crawler extends EventEmitter {
  queue(uri) {
    this.emit('schedule', uri);
  }
}

module.exports = Crawler;
