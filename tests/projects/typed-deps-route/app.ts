import express from 'express';
import { BodyStore } from './store';
import { registerProxy } from './routes/proxy';

export function buildApp() {
  const app = express();
  registerProxy(app, '/api/stops', { store: new BodyStore<unknown>(), upstream: 'https://example.test/stops' });
  return app;
}

buildApp().listen(3000);
