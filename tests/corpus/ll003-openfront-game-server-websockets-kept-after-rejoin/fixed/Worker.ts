import http from "http";
import { WebSocket, WebSocketServer } from "ws";
import { GameManager } from "./GameManager";

const server = http.createServer();
const wss = new WebSocketServer({ server });
const gm = new GameManager();

wss.on("connection", (ws: WebSocket, req: http.IncomingMessage) => {
  ws.on("message", (raw: string) => {
    const msg = JSON.parse(raw);
    if (msg.type === "join") {
      gm.joinClient({ clientID: msg.clientID, persistentID: msg.token, ws, lastPing: Date.now() }, msg.gameID);
    } else if (msg.type === "rejoin") {
      gm.rejoinClient(ws, msg.token, msg.gameID, msg.lastTurn);
    }
  });
});

server.listen(3001);
