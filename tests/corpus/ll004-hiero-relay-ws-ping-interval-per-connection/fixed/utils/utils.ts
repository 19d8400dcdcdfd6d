import type ConnectionLimiter from '../metrics/connectionLimiter';
import { type SubscriptionService } from '../service/subscriptionService';

export const handleConnectionClose = async (
  ctx: any,
  subscriptionService: SubscriptionService,
  limiter: ConnectionLimiter,
) => {
  subscriptionService.unsubscribe(ctx.websocket);
  limiter.decrementCounters(ctx);

  // clear timers so the closed connection is not kept alive
  if (ctx.websocket?.pingIntervalId) {
    clearInterval(ctx.websocket.pingIntervalId);
  }
  if (ctx.websocket?.inactivityTTL) {
    clearTimeout(ctx.websocket.inactivityTTL);
  }
  ctx.websocket.terminate();
};

export const sendToClient = (connection: any, response: object) => {
  connection.send(JSON.stringify(response));
  connection.limiter.resetInactivityTTLTimer(connection);
};
