import express from 'express';
import { createServer } from 'http';
import { Server } from 'socket.io';
import socketHostHandler from './modules/socketHandlerHost.js';

const app = express();
const expressServer = createServer(app);
const io = new Server(expressServer, { path: '/app/socket', transports: ['websocket'] });

io.on('connection', (socket) => {
  socket.on('disconnect', () => {
    socket.removeAllListeners();
    socket.data = undefined;
  });

  socketHostHandler(io, socket);
});

expressServer.listen(process.env.PORT || 3000);
