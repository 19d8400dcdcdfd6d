var http = require('http');
var api = require('./api.js');

var server = http.createServer(function (req, res) {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(api.getStatus()));
});
server.listen(8080);

var count = 0;
var io = require('socket.io').listen(server);

io.sockets.on('connection', function (socket) {
  count++;
  socket.emit('status', api.getStatus());
  io.sockets.emit('count', count);

  socket.on('disconnect', function () {
    count--;
    socket.broadcast.emit('count', count);
  });
});

// One listener for the whole process, broadcasting to every connected socket.
api.on('refresh', function (status) {
  io.sockets.emit('status', status);
});
