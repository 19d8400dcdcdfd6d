const http = require('http');
const socketIO = require('socket.io');
const SimpleSignalServer = require('./signal-server');

const server = http.createServer();
const io = socketIO(server);
const signalServer = new SimpleSignalServer(io);

signalServer.on('discover', (request) => {
  request.discover(request.socket.id, { peers: Object.keys(io.sockets.sockets) });
});

server.listen(process.env.PORT || 3000);
