import { Router } from 'express';
import { complete, completeOnce } from '../services/completions.js';

const router = Router();

router.post('/tokens', async (req, res) => {
  const send = (frame) => {
    res.write(JSON.stringify(frame) + '\n');
  };
  await complete({ url: req.body.url, onToken: (token) => send({ token }) });
  res.end();
});

router.post('/answer', async (req, res) => {
  await completeOnce({ url: req.body.url, onDone: (text) => { res.write(text); } });
  res.end();
});

export default router;
