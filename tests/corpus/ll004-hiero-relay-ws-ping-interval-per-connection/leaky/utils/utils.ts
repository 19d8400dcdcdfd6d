import type ConnectionLimiter from '../metrics/connectionLimiter';
import { type SubscriptionService } from '../service/subscriptionService';

export const handleConnectionClose = async (
  ctx: any,
  subscriptionService: SubscriptionService,
  limiter: ConnectionLimiter,
) => {
  subscriptionService.unsubscribe(ctx.websocket);
  limiter.decrementCounters(ctx);
  ctx.websocket.terminate();
};

export const sendToClient = (connection: any, response: object) => {
  connection.send(JSON.stringify(response));
  connection.limiter.resetInactivityTTLTimer(connection);
};
