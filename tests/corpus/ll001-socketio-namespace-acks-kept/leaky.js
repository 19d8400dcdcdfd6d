function SocketNamespace(mgr, name) {
  this.manager = mgr;
  this.name = name || '';
  this.ackPackets = 0;
  // expect: LL001
  this.acks = {};
}

SocketNamespace.prototype.packet = function (packet) {
  packet.endpoint = this.name;
  this.manager.store.publish('dispatch', packet);
};

SocketNamespace.prototype.emit = function (name) {
  var args = Array.prototype.slice.call(arguments, 1);
  var lastArg = args[args.length - 1];
  var packet = { type: 'event', name: name };
  if (typeof lastArg === 'function') {
    packet.id = ++this.ackPackets;
    packet.ack = 'data';
    this.acks[packet.id] = lastArg;
    args = args.slice(0, args.length - 1);
  }
  packet.args = args;
  this.packet(packet);
};

SocketNamespace.prototype.handlePacket = function (sessid, packet) {
  if (packet.type === 'ack') {
    if (this.acks[packet.ackId]) {
      this.acks[packet.ackId].apply(this, packet.args);
    }
  }
};

module.exports = SocketNamespace;
