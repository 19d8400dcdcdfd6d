import type { FastifyInstance } from 'fastify';
import type { TtlCache } from '../cache';

export interface ProxyDeps {
  readonly cache: TtlCache<unknown>;
  readonly fetchUpstream: (key: string) => Promise<{ status: number; body: unknown }>;
}

type QueryString = Record<string, string | undefined>;

export function registerProxyRoute(
  app: FastifyInstance,
  path: string,
  param: string,
  deps: ProxyDeps,
): void {
  const { cache, fetchUpstream } = deps;

  app.get<{ Querystring: QueryString }>(path, async (request, reply) => {
    const key = request.query[param]?.trim() ?? '';

    const fresh = cache.getFresh(key);
    if (fresh !== undefined) return reply.header('x-cache', 'hit').send(fresh);

    try {
      const upstream = await fetchUpstream(key);
      if (upstream.status === 200) {
        cache.set(key, upstream.body);
        return reply.header('x-cache', 'miss').send(upstream.body);
      }
      return reply.code(upstream.status).send(upstream.body);
    } catch (err) {
      request.log.warn({ err, path, key }, 'upstream fetch failed');
      const stale = cache.getStale(key);
      if (stale !== undefined) return reply.header('x-cache', 'stale').send(stale);
      return reply.code(502).send({ error: 'Upstream request failed.' });
    }
  });
}
