import Fastify from 'fastify';
import { TtlCache } from './cache';
import { registerProxyRoute } from './routes/proxy-route';
import { fetchJson } from './upstream';

const STOP_ARRIVALS_TTL_MS = 8_000;
const CALLSIGN_TTL_MS = 3_600_000;

export async function buildApp(config: { port: number }) {
  const app = Fastify({ logger: true });

  registerProxyRoute(app, '/api/stop-arrivals', 'id', {
    cache: new TtlCache<unknown>(STOP_ARRIVALS_TTL_MS),
    fetchUpstream: (id) => fetchJson(`https://api.tfl.gov.uk/StopPoint/${id}/Arrivals`),
  });
  registerProxyRoute(app, '/api/callsign', 'cs', {
    cache: new TtlCache<unknown>(CALLSIGN_TTL_MS),
    fetchUpstream: (cs) => fetchJson(`https://api.adsbdb.com/v0/callsign/${cs}`),
  });

  return app;
}
