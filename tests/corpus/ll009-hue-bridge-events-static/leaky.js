const events = require('events');

const discovery = new events.EventEmitter();
// expect: LL009
events.setMaxListeners(0, discovery);

function onPair(socket) {
  // expect: LL002
  discovery.on('bridge_available', (bridge) => socket.emit('list_devices', bridge));
}

module.exports = { discovery, onPair };
