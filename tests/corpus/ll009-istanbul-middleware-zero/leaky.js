const { EventEmitter } = require('events');

const coverageEvents = new EventEmitter();
// expect: LL009
coverageEvents.setMaxListeners(0);

function createHandler() {
  return (req, res) => {
    // expect: LL002
    coverageEvents.on('reset', () => res.end('reset'));
    res.end('ok');
  };
}

module.exports = { createHandler, coverageEvents };
