const events = require('events');

const discovery = new events.EventEmitter();

function onPair(socket) {
  const onBridge = (bridge) => socket.emit('list_devices', bridge);
  discovery.on('bridge_available', onBridge);
  socket.on('disconnect', () => discovery.removeListener('bridge_available', onBridge));
}

module.exports = { discovery, onPair };
