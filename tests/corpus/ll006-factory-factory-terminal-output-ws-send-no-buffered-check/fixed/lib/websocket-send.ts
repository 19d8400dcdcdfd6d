import type { WebSocket } from 'ws';

interface SendErrorLogger {
  error(message: string, error: Error): void;
}

interface StreamSendLogger extends SendErrorLogger {
  warn(message: string, data: Record<string, unknown>): void;
}

export const MAX_WEBSOCKET_STREAM_BUFFERED_BYTES = 1024 * 1024;

const congestedStreamSockets = new WeakSet<WebSocket>();

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

/** Send stream output, dropping it while the socket's send buffer is congested. */
export function sendStreamOutput(ws: WebSocket, message: string, logger: StreamSendLogger, description = 'WebSocket stream output'): boolean {
  if (ws.readyState !== ws.OPEN) return false;

  if (ws.bufferedAmount > MAX_WEBSOCKET_STREAM_BUFFERED_BYTES) {
    if (!congestedStreamSockets.has(ws)) {
      congestedStreamSockets.add(ws);
      logger.warn(`Dropping ${description}: send buffer congested`, { bufferedAmount: ws.bufferedAmount });
    }
    return false;
  }
  congestedStreamSockets.delete(ws);

  try {
    ws.send(message, (error) => {
      if (error) logger.error(`Failed to send ${description}`, error);
    });
    return true;
  } catch (error) {
    logger.error(`Failed to send ${description}`, error as Error);
    return false;
  }
}
