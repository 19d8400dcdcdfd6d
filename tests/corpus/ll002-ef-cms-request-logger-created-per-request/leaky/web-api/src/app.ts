import express from 'express';
import { logger } from './logger';

export const app = express();

app.use(express.json({ limit: '1200kb' }));
app.use(logger());

app.get('/api/health', (req, res) => {
  req.locals.logger.info('health check');
  res.send({ ok: true });
});
