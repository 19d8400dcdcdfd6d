import ws from 'ws';

import Connection from './connection.mjs';

export default class WebSocket {
  // expect: LL001
  connections = [];

  constructor(server, newPlayerCallback) {
    this.server = new ws.Server({ noServer: true });
    this.newPlayerCallback = newPlayerCallback;
    this.serverStart = Date.now();

    this.server.on('connection', this.newConnection);

    server.on('upgrade', (request, socket, head) => {
      this.server.handleUpgrade(request, socket, head, socket => {
        this.server.emit('connection', socket, request);
      });
    });
  }

  newConnection = ws => {
    // expect: LL003
    this.connections.push(new Connection(this, ws, this.newPlayerCallback));
  }
}
