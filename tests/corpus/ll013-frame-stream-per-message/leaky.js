var net = require('net');
var frame = require('frame-stream');

var leaderNode = null;

function sendToLeader(message) {
  var encode = frame.encode();
  // expect: LL013
  encode.pipe(leaderNode);
  encode.write(message);
}

net.createServer(function (socket) {
  if (!leaderNode) leaderNode = socket;
  socket.pipe(frame.decode()).on('data', function (message) {
    sendToLeader(message);
  });
}).listen(8888);
