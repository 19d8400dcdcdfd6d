import Koa from 'koa';
import websockify from 'koa-websocket';
import { Relay } from '../relay';
import { SubscriptionService } from './service/subscriptionService';

export async function initializeWsServer(relay: Relay) {
  const subscriptionService = new SubscriptionService(relay);
  const app = websockify(new Koa());

  app.ws.use(async (ctx: Koa.Context) => {
    ctx.websocket.id = subscriptionService.generateId();

    ctx.websocket.on('close', () => {
      subscriptionService.unsubscribe(ctx.websocket);
      ctx.websocket.terminate();
    });

    ctx.websocket.on('message', (msg: string) => {
      const request = JSON.parse(msg.toString());
      if (request.method === 'eth_subscribe') {
        const [event, filters] = request.params;
        const subId = subscriptionService.subscribe(ctx.websocket, event, filters);
        ctx.websocket.send(JSON.stringify({ jsonrpc: '2.0', id: request.id, result: subId }));
      } else if (request.method === 'eth_unsubscribe') {
        const count = subscriptionService.unsubscribe(ctx.websocket, request.params[0]);
        ctx.websocket.send(JSON.stringify({ jsonrpc: '2.0', id: request.id, result: count > 0 }));
      }
    });
  });

  return { app };
}
