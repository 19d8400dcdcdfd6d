var net = require('net');

function proxyWebSocket(clientSocket, target, head) {
  var upstream = net.connect(target.port, target.host);
  var listeners = {};

  upstream.write(head);

  clientSocket.on('data', (listeners.onIncoming = function (data) {
    // expect: LL006
    upstream.write(data);
  }));

  upstream.on('data', (listeners.onOutgoing = function (data) {
    // expect: LL006
    clientSocket.write(data);
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
