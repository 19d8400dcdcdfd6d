import { WebSocket } from "ws";
import { Client, GameServer } from "./GameServer";

export class GameManager {
  private games = new Map<string, GameServer>();

  private game(gameID: string): GameServer {
    let game = this.games.get(gameID);
    if (!game) {
      game = new GameServer(gameID);
      this.games.set(gameID, game);
    }
    return game;
  }

  joinClient(client: Client, gameID: string): void {
    this.game(gameID).joinClient(client);
  }

  rejoinClient(ws: WebSocket, persistentID: string, gameID: string, lastTurn: number): boolean {
    const game = this.games.get(gameID);
    return game ? game.rejoinClient(ws, persistentID, lastTurn) : false;
  }

  endGame(gameID: string): void {
    this.games.get(gameID)?.end();
    this.games.delete(gameID);
  }
}
