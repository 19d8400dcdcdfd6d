'use strict';

class ConnectionTracker {
  constructor() {
    this.sockets = new Set();
    this.stopping = false;
  }

  watch(server) {
    server.on('connection', (socket) => {
      socket.idle = true;
      this.sockets.add(socket);
      socket.on('close', () => {
        this.sockets.delete(socket);
      });
    });
  }

  stop(force) {
    this.stopping = true;
    for (const socket of this.sockets) {
      if (force || socket.idle) this.destroy(socket);
    }
  }

  destroy(socket) {
    socket.destroy();
    this.sockets.delete(socket);
  }
}

module.exports = new ConnectionTracker();
