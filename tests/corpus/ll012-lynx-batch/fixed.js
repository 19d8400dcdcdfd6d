var dgram = require('dgram');

function Lynx(host, port) {
  this.host = host;
  this.port = port;
  this.socket = dgram.createSocket('udp4');
}

Lynx.prototype.send = function (stats) {
  var batch = [];
  for (var stat in stats) {
    batch.push(stat + ':' + stats[stat]);
  }
  this.socket.send(Buffer.from(batch.join('\n')), this.port, this.host);
};

module.exports = Lynx;
