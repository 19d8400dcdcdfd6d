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

  const write = async (frame) => {
    if (res.writableEnded || res.destroyed) return;
    let writeOk;
    try { writeOk = res.write(`${JSON.stringify(frame)}\n`); } catch { return; /* client gone */ }
    if (!writeOk) {
      await new Promise((resolve) => {
        const settle = () => {
          res.off('drain', settle);
          res.off('close', settle);
          resolve();
        };
        res.once('drain', settle);
        res.once('close', settle);
      });
    }
  };

  const result = await runLocalLlmTest({
    ...req.body,
    signal: abortSignalFromResponse(res),
    onToken: (delta) => (delta ? write({ type: 'token', delta }) : undefined),
  }).catch((err) => ({ error: err?.message || 'Local LLM test failed', text: '' }));
  await write({ type: 'result', result });
  res.end();
});

export default router;
