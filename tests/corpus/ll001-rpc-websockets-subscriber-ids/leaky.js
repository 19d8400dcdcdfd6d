import { EventEmitter } from 'events';
import url from 'url';
import { v1 as uuid } from 'uuid';
import { Server as WebSocketServer } from 'ws';

export default class Server extends EventEmitter {
  constructor(options) {
    super();
    this.namespaces = {};
    this.wss = new WebSocketServer(options);

    this.wss.on('connection', (socket, request) => {
      const ns = url.parse(request.url).pathname;
      socket._id = uuid();

      socket.on('close', () => {
        this.namespaces[ns].clients.delete(socket._id);
        for (const event of Object.keys(this.namespaces[ns].events)) {
          const index = this.namespaces[ns].events[event].indexOf(socket._id);
          if (index === 0) this.namespaces[ns].events[event].splice(index, 1);
        }
      });

      if (!this.namespaces[ns]) this.namespaces[ns] = { clients: new Map(), events: {} };
      this.namespaces[ns].clients.set(socket._id, socket);
      socket.on('message', (data) => this._handleRPC(socket, ns, JSON.parse(data)));
    });
  }

  event(name, ns = '/') {
    // expect: LL001
    this.namespaces[ns].events[name] = [];
  }

  _handleRPC(socket, ns, message) {
    if (message.method === 'rpc.on') {
      for (const name of message.params) {
        if (this.namespaces[ns].events[name]) this.namespaces[ns].events[name].push(socket._id);
      }
    }
  }

  emitEvent(name, ns, params) {
    for (const socketId of this.namespaces[ns].events[name]) {
      this.namespaces[ns].clients.get(socketId).send(JSON.stringify({ notification: name, params }));
    }
  }
}
