var net = require('net');

function proxyWebSocket(clientSocket, target, head) {
  var upstream = net.connect(target.port, target.host);
  var listeners = {};

  upstream.write(head);

  clientSocket.on('data', (listeners.onIncoming = function (data) {
    if (!upstream.write(data)) {
      clientSocket.pause();
      upstream.once('drain', function () {
        clientSocket.resume();
      });
    }
  }));

  upstream.on('data', (listeners.onOutgoing = function (data) {
    if (!clientSocket.write(data)) {
      upstream.pause();
      clientSocket.once('drain', function () {
        upstream.resume();
      });
    }
  }));

  function detach() {
    clientSocket.removeListener('data', listeners.onIncoming);
    upstream.removeListener('data', listeners.onOutgoing);
    upstream.end();
  }

  clientSocket.on('end', detach);
  clientSocket.on('close', detach);
}

module.exports = proxyWebSocket;
