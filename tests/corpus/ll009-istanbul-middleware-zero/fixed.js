const { EventEmitter } = require('events');

const coverageEvents = new EventEmitter();

function createHandler() {
  return (req, res) => {
    coverageEvents.once('reset', () => res.end('reset'));
    res.end('ok');
  };
}

module.exports = { createHandler, coverageEvents };
