import * as pc from 'playcanvas';

export default class Client extends pc.EventHandler {
    static ids = 1;

    constructor(socket) {
        super();

        this.id = Client.ids++;
        this.workerNodes = new Set();
        this._socket = socket;
    }

    send(name, data) {
        this._socket.send(JSON.stringify({ name, data }));
    }

    async connectToWorkerNode(workerNode) {
        this.workerNodes.add(workerNode);

        return new Promise((resolve) => {
            workerNode.channel.send('_open', this.id, () => {
                resolve();
            });
        });
    }

    async destroy() {
        if (!this._socket) return;

        for (const workerNode of this.workerNodes) {
            await new Promise((resolve) => {
                workerNode.channel.send('_close', this.id, () => {
                    resolve();
                });
            });
        }

        this._socket = null;
        this.workerNodes = null;
        this.off();
    }
}
