import express from 'express';
import { Server } from 'http';
import socketIO from 'socket.io';

const app = express();
const server = new Server(app);
const io = socketIO(server);

const playerIds = new Map<string, number>();
let connectionCount = 0;

io.on('connection', (socket: socketIO.Socket) => {
  connectionCount++;
  let code: string | null = null;

  socket.on('join', (c: string, id: number) => {
    code = c;
    socket.join(code);
    socket.to(code).broadcast.emit('join', socket.id, id);
    const ids: Record<string, number | undefined> = {};
    for (const s of Object.keys(io.sockets.adapter.rooms[code].sockets)) {
      if (s !== socket.id) ids[s] = playerIds.get(s);
    }
    socket.emit('setIds', ids);
  });

  socket.on('id', (id: number) => {
    if (typeof id !== 'number') {
      socket.disconnect();
      return;
    }
    playerIds.set(socket.id, id);
    socket.to(code).broadcast.emit('setId', socket.id, id);
  });

  socket.on('disconnect', () => {
    connectionCount--;
    playerIds.delete(socket.id);
  });
});

server.listen(9736);
