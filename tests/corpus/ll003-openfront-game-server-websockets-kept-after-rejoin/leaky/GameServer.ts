import { WebSocket } from "ws";

export interface Client {
  clientID: string;
  persistentID: string;
  ws: WebSocket;
  lastPing: number;
}

export class GameServer {
  private websockets: Set<WebSocket> = new Set();
  private activeClients: Client[] = [];
  private allClients = new Map<string, Client>();
  private persistentIdToClientId = new Map<string, string>();
  private turns: unknown[] = [];

  constructor(public readonly id: string) {}

  public joinClient(client: Client) {
    // expect: LL003
    this.websockets.add(client.ws);
    this.persistentIdToClientId.set(client.persistentID, client.clientID);
    this.activeClients.push(client);
    this.allClients.set(client.clientID, client);
    this.addListeners(client);
  }

  public rejoinClient(ws: WebSocket, persistentID: string, lastTurn: number): boolean {
    const clientID = this.persistentIdToClientId.get(persistentID);
    if (!clientID) return false;
    const client = this.allClients.get(clientID);
    if (!client) return false;

    // expect: LL003
    this.websockets.add(ws);

    // Close the old socket.
    if (client.ws !== ws) {
      client.ws.removeAllListeners();
      client.ws.close();
    }

    this.activeClients = this.activeClients.filter((c) => c.clientID !== client.clientID);
    this.activeClients.push(client);
    client.lastPing = Date.now();
    client.ws = ws;
    this.addListeners(client);
    ws.send(JSON.stringify({ type: "start", turns: this.turns.slice(lastTurn) }));
    return true;
  }

  private addListeners(client: Client) {
    client.ws.removeAllListeners("message");
    client.ws.on("message", (message: string) => {
      const msg = JSON.parse(message);
      if (msg.type === "ping") client.lastPing = Date.now();
    });
    client.ws.on("close", () => {
      this.activeClients = this.activeClients.filter((c) => c.clientID !== client.clientID);
    });
  }

  async end() {
    this.websockets.forEach((ws) => {
      if (ws.readyState === WebSocket.OPEN) ws.close(1000, "game has ended");
    });
  }
}
