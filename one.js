const http = require('http');
const socketio = require('socket.io');
const serverShutdown = new ServerShutdown();
const httpServer = http.createServer((req, res) => { res.end('ok'); }).listen(8080);
const io = socketio(httpServer);
serverShutdown.registerServer(httpServer);
serverShutdown.registerServer(io, ServerShutdown.Adapters.socketio);
