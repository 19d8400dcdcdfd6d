import http from 'http';
import express from 'express';

import WebSocket from './server/websocket.mjs';

const app = express();
const server = http.createServer(app);
const rooms = {};

function newPlayer(connection, { playerName, roomID }) {
  if (!rooms[roomID])
    rooms[roomID] = { id: roomID, players: [] };
  const player = { name: playerName, connection, room: rooms[roomID] };
  rooms[roomID].players.push(player);
  connection.addCloseHandler(() => {
    rooms[roomID].players = rooms[roomID].players.filter(p => p !== player);
    if (rooms[roomID].players.length == 0)
      delete rooms[roomID];
  });
}

new WebSocket(server, newPlayer);
server.listen(8272);
