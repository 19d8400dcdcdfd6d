import { ClientBarn } from "./client.ts";

export class Game {
    clientBarn = new ClientBarn(this);
    stopped = false;
    canJoin = true;
    // the whole map, every object and every player's state
    grid: unknown[] = [];

    constructor(readonly id: string) {}

    endGame() {
        this.stopped = true;
        for (const client of [...this.clientBarn.clients]) {
            client.disconnect();
        }
        this.updateData();
    }

    updateData() {}
}
