var redis = require('redis');
var io = require('socket.io').listen(8000);

var subscriber = redis.createClient();
subscriber.subscribe('tweets');

io.sockets.on('connection', function (socket) {
  socket.on('follow', function (board) {
    socket.join(board);
  });

  function onMessage(channel, message) {
    var tweet = JSON.parse(message);
    socket.emit('tweet', tweet);
  }
  subscriber.on('message', onMessage);

  socket.on('disconnect', function () {
    subscriber.removeListener('message', onMessage);
  });
});
