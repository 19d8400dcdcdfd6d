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
  socket.broadcast.emit('count', count);

  socket.on('disconnect', function () {
    count--;
    socket.broadcast.emit('count', count);
  });
  // expect: LL002
  api.on('refresh', function (status) {
    socket.emit('status', status);
  });
});
