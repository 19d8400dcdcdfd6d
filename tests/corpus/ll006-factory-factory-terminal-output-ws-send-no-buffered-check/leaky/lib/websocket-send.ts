import type { WebSocket } from 'ws';

interface SendErrorLogger {
  error(message: string, error: Error): void;
}

/** Send on a socket, swallowing a synchronous send error. */
export function safeSend(ws: WebSocket, message: string, logger: SendErrorLogger, description = 'WebSocket message'): boolean {
  if (ws.readyState !== ws.OPEN) return false;
  try {
    ws.send(message);
    return true;
  } catch (error) {
    logger.error(`Failed to send ${description}`, error as Error);
    return false;
  }
}
