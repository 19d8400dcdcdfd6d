import type { Client } from "./client.ts";
import { Game } from "./game.ts";
import { ClientSocket } from "./socket.ts";

type ProcessMsg =
    | { type: "create"; id: string }
    | { type: "socketOpen"; socketId: string }
    | { type: "socketMsg"; socketId: string; data: ArrayBuffer }
    | { type: "socketClose"; socketId: string };

let game: ServerGame | undefined;

class ServerGame extends Game {
    override updateData() {
        process.send?.({ type: "updateData", id: this.id, stopped: this.stopped });
        if (this.stopped) {
            game = undefined;
        }
    }
}

const socketIdToSocket = new Map<string, ProcessSocket<Client | undefined>>();

class ProcessSocket<T> extends ClientSocket<T> {
    _closed = false;
    constructor(private readonly _id: string) {
        super();
    }
    closed(): boolean {
        return this._closed;
    }
    send(data: Uint8Array): void {
        if (this.closed()) return;
        process.send?.({ type: "socketMsg", socketId: this._id, data });
    }
    close(): void {
        this._closed = true;
        process.send?.({ type: "socketClose", socketId: this._id });
        socketIdToSocket.delete(this._id);
    }
    closeWithReason(reason: string): void {
        this._closed = true;
        process.send?.({ type: "socketClose", socketId: this._id, reason });
        socketIdToSocket.delete(this._id);
    }
}

process.on("message", (msg: ProcessMsg) => {
    if (msg.type === "create" && !game) {
        game = new ServerGame(msg.id);
    }
    if (!game) return;

    switch (msg.type) {
        case "socketOpen": {
            const socket = new ProcessSocket<Client | undefined>(msg.socketId);
            socketIdToSocket.set(msg.socketId, socket);
            break;
        }
        case "socketMsg": {
            const socket = socketIdToSocket.get(msg.socketId);
            if (socket) game.clientBarn.handleMsg(msg.data, socket);
            break;
        }
        case "socketClose": {
            const socket = socketIdToSocket.get(msg.socketId);
            if (!socket) break;
            socket._closed = true;
            game.clientBarn.handleSocketClose(socket);
            socketIdToSocket.delete(msg.socketId);
            break;
        }
    }
});
