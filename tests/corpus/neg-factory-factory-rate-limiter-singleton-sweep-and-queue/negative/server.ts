import express from 'express';
import { rateLimiter } from './services/rate-limiter.service';

const app = express();

app.post('/agents/:id/ask', async (req, res) => {
  await rateLimiter.acquireSlot(req.params.id);
  res.json({ ok: true });
});

const server = app.listen(4000);

process.on('SIGTERM', () => {
  rateLimiter.stop();
  server.close();
});
