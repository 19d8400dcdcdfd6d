var express = require('express');
var http = require('http');
var SocketIOFileUpload = require('./siofu-server');

var app = express();
var server = http.createServer(app);
var io = require('socket.io')(server);

io.on('connection', function (socket) {
  var uploader = new SocketIOFileUpload({ dir: '/srv/uploads' });
  uploader.listen(socket);
});

server.listen(8080);
