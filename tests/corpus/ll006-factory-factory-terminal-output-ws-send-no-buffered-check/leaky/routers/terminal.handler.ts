import type { IncomingMessage } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { terminalService } from '../services/terminal-service';
import { createLogger } from '../lib/logger';

const logger = createLogger('terminal-ws');

const terminalListenerCleanup = new WeakMap<WebSocket, Map<string, (() => void)[]>>();

function attachTerminalListeners(ws: WebSocket, terminalId: string): void {
  const unsubscribers: (() => void)[] = [];
  terminalListenerCleanup.get(ws)?.set(terminalId, unsubscribers);

  const unsubOutput = terminalService.onOutput(terminalId, (output) => {
    if (ws.readyState === ws.OPEN) {
      // expect: LL006
      ws.send(JSON.stringify({ type: 'output', terminalId, data: output }));
    }
  });
  unsubscribers.push(unsubOutput);
}

function cleanupTerminalListeners(ws: WebSocket): void {
  const cleanupMap = terminalListenerCleanup.get(ws);
  if (!cleanupMap) return;
  for (const unsubs of cleanupMap.values()) {
    for (const unsub of unsubs) unsub();
  }
  cleanupMap.clear();
}

export function createTerminalServer(): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true });

  wss.on('connection', (ws: WebSocket, req: IncomingMessage) => {
    const cwd = new URL(req.url ?? '/', 'http://localhost').searchParams.get('cwd') ?? process.cwd();
    terminalListenerCleanup.set(ws, new Map());

    ws.on('message', (raw) => {
      const message = JSON.parse(String(raw));
      if (message.type === 'create') {
        terminalService.create(message.terminalId, cwd);
        attachTerminalListeners(ws, message.terminalId);
      } else if (message.type === 'input') {
        terminalService.write(message.terminalId, message.data);
      }
    });

    ws.on('close', () => {
      logger.info('terminal socket closed');
      cleanupTerminalListeners(ws);
    });
  });

  return wss;
}
