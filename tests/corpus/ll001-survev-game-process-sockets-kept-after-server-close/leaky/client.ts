import type { Game } from "./game.ts";
import type { ClientSocket } from "./socket.ts";

export class Client {
    disconnected = false;
    constructor(
        readonly game: Game,
        readonly socket: ClientSocket<Client | undefined>,
        readonly name: string,
    ) {}

    disconnect(reason = "game over") {
        this.socket.closeWithReason(reason);
    }
}

export class ClientBarn {
    clients: Client[] = [];
    constructor(readonly game: Game) {}

    handleMsg(buff: ArrayBuffer, socket: ClientSocket<Client | undefined>) {
        let client = socket.getUserData();
        if (!client) {
            const name = new TextDecoder().decode(buff);
            if (!this.game.canJoin) {
                socket.closeWithReason("game is full");
                return;
            }
            client = new Client(this.game, socket, name);
            socket.setUserData(client);
            this.clients.push(client);
        }
    }

    handleSocketClose(socket: ClientSocket<Client | undefined>) {
        const client = socket.getUserData();
        if (!client) return;
        client.disconnected = true;
        this.clients.splice(this.clients.indexOf(client), 1);
    }
}
