var net = require('net');
var frame = require('frame-stream');

var leaderNode = null;
var leaderEncoder = null;

function sendToLeader(message) {
  leaderEncoder.write(message);
}

net.createServer(function (socket) {
  if (!leaderNode) {
    leaderNode = socket;
    leaderEncoder = frame.encode();
    leaderEncoder.pipe(leaderNode);
  }
  socket.pipe(frame.decode()).on('data', function (message) {
    sendToLeader(message);
  });
}).listen(8888);
