import express from 'express';
import { Socket } from 'net';
import { Server } from 'http';
import io from 'socket.io';

const DEFAULT_PORT = 3000;

async function safeListeningHttpServer(port: number, app: express.Express): Promise<{ port: number; httpServer: Server }> {
    const httpServer = app.listen(port);
    await new Promise(res => httpServer.once('listening', res));
    return { port, httpServer };
}

export class Application {
    constructor(private outputPath: string) {}

    public async start() {
        const { close, port } = await this.launchHttpServer();
        return { close, port };
    }

    private async launchHttpServer(httpServerPort = DEFAULT_PORT) {
        const app = express();
        const connections: Socket[] = [];
        const { port, httpServer } = await safeListeningHttpServer(httpServerPort, app);
        httpServer.on('connection', socket => {
            // expect: LL003
            connections.push(socket);
        });
        app.use('/', express.static(this.outputPath));
        const socketServer = io(httpServer);

        return {
            close: async () => {
                await new Promise(res => {
                    for (const connection of connections) {
                        connection.destroy();
                    }
                    connections.length = 0;
                    socketServer.close(res);
                });
            },
            port
        };
    }
}
