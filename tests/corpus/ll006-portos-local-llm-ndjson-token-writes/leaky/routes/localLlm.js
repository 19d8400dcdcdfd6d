import { Router } from 'express';
import { runLocalLlmTest } from '../services/localLlmPlayground.js';

const router = Router();

function abortSignalFromResponse(res) {
  const controller = new AbortController();
  res.on('close', () => controller.abort());
  return controller.signal;
}

router.post('/test/stream', async (req, res) => {
  res.set({
    'Content-Type': 'application/x-ndjson; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
  });
  res.flushHeaders?.();

  const write = (frame) => {
    if (res.writableEnded || res.destroyed) return;
    // expect: LL006
    try { res.write(`${JSON.stringify(frame)}\n`); } catch { /* client gone */ }
  };

  const result = await runLocalLlmTest({
    ...req.body,
    signal: abortSignalFromResponse(res),
    onToken: (delta) => { if (delta) write({ type: 'token', delta }); },
  }).catch((err) => ({ error: err?.message || 'Local LLM test failed', text: '' }));
  write({ type: 'result', result });
  res.end();
});

export default router;
