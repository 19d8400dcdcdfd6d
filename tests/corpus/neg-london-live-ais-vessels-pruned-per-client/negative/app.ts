import Fastify from 'fastify';
import { AisClient } from './ais-client';

export async function buildApp(config: { port: number; aisApiKey?: string; aisBbox: number[][][] }) {
  const app = Fastify({ logger: true });

  if (config.aisApiKey) {
    const ais = new AisClient(config.aisApiKey, config.aisBbox, (msg) => app.log.info(msg));
    ais.start();
    app.addHook('onClose', () => ais.stop());
    app.get('/api/vessels', () => ais.list());
  } else {
    app.get('/api/vessels', () => []);
  }

  return app;
}
