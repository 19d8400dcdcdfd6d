import Koa from 'koa';
import websockify from 'koa-websocket';

import { ConfigService } from '../config-service/services';
import { Relay } from '../relay';
import ConnectionLimiter from './metrics/connectionLimiter';
import { SubscriptionService } from './service/subscriptionService';
import { handleConnectionClose, sendToClient } from './utils/utils';

export async function initializeWsServer(sharedRelay?: Relay) {
  const relay = sharedRelay ?? (await Relay.init());
  const subscriptionService = new SubscriptionService(relay);
  const limiter = new ConnectionLimiter();
  const pingInterval = ConfigService.get('WS_PING_INTERVAL');

  const app = websockify(new Koa());

  app.ws.use((ctx: Koa.Context, next: Koa.Next) => {
    ctx.websocket.id = subscriptionService.generateId();
    next();
  });

  app.ws.use(async (ctx: Koa.Context) => {
    ctx.websocket.limiter = limiter;

    ctx.websocket.on('close', async () => {
      await handleConnectionClose(ctx, subscriptionService, limiter);
    });

    limiter.applyLimits(ctx);

    ctx.websocket.on('message', async (msg: string) => {
      const request = JSON.parse(msg.toString());
      const result = await relay.handle(request.method, request.params);
      sendToClient(ctx.websocket, { jsonrpc: '2.0', id: request.id, result });
    });

    if (pingInterval > 0) {
      // expect: LL004
      setInterval(async () => {
        ctx.websocket.send(JSON.stringify({ jsonrpc: '2.0', id: null, result: null }));
      }, pingInterval);
    }
  });

  return { app };
}
