import type { Express } from 'express';
import type { BodyStore } from '../store';

export interface ProxyDeps {
  readonly store: BodyStore<unknown>;
  readonly upstream: string;
}

export function registerProxy(app: Express, path: string, deps: ProxyDeps): void {
  const { store, upstream } = deps;

  app.get(path, async (req, res) => {
    const key = String(req.query.id);
    const known = store.read(key);
    if (known !== undefined) return res.json(known);
    const body = await (await fetch(`${upstream}/${key}`)).json();
    store.keep(key, body);
    res.json(body);
  });
}
