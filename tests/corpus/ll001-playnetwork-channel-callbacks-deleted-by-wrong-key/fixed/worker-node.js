import { Worker } from 'worker_threads';
import * as pc from 'playcanvas';
import Channel from './channel.js';

export default class WorkerNode extends pc.EventHandler {
    constructor(id, scriptPath) {
        super();

        this.id = id;
        this._worker = new Worker(scriptPath, { workerData: { id } });
        this.channel = new Channel(this._worker);
    }

    send(name, data, callback) {
        this.channel.send('_custom:message', { name, data }, callback);
    }
}
