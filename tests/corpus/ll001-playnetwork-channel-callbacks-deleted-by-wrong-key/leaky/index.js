import http from 'http';
import WebSocket from 'faye-websocket';
import Client from './client.js';
import WorkerNode from './worker-node.js';

const workerNodes = [new WorkerNode(0, './worker.js'), new WorkerNode(1, './worker.js')];
let next = 0;

const server = http.createServer();

server.on('upgrade', async (req, ws, body) => {
    if (!WebSocket.isWebSocket(req)) return;

    const socket = new WebSocket(req, ws, body);
    const client = new Client(socket);

    socket.on('close', () => client.destroy());

    const workerNode = workerNodes[next++ % workerNodes.length];
    await client.connectToWorkerNode(workerNode);
    client.send('_self', { id: client.id });
});

server.listen(8080);
