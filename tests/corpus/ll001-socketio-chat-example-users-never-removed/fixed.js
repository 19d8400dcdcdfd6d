var app = require('http').createServer(handler),
  io = require('socket.io').listen(app),
  fs = require('fs');

app.listen(3000);

var clients = {};

function handler(req, res) {
  fs.readFile(__dirname + '/index.html', function (err, data) {
    if (err) {
      res.writeHead(500);
      return res.end('Error loading index.html');
    }
    res.writeHead(200);
    res.end(data);
  });
}

io.sockets.on('connection', function (socket) {
  socket.on('add-user', function (data) {
    clients[data.username] = {
      socket: socket.id
    };
  });

  socket.on('private-message', function (data) {
    var target = clients[data.username];
    if (target) {
      io.sockets.socket(target.socket).emit('add-message', data);
    } else {
      console.log('no such user: ' + data.username);
    }
  });

  socket.on('disconnect', function () {
    for (var name in clients) {
      if (clients[name].socket === socket.id) {
        delete clients[name];
        break;
      }
    }
  });
});
