import { Router } from 'express';
import { runAsk } from '../services/askService.js';
import * as convs from '../services/askConversations.js';

const router = Router();

router.post('/', async (req, res) => {
  const body = req.body ?? {};
  const conversation = await convs.createConversation({ mode: body.mode, title: body.question });

  res.set({
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
  });
  res.flushHeaders?.();

  const abortController = new AbortController();
  let aborted = false;
  const onClose = () => {
    aborted = true;
    abortController.abort();
  };
  req.on('close', onClose);

  const send = async (event, data) => {
    if (aborted || res.writableEnded || res.destroyed) return;
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    let writeOk;
    try {
      writeOk = res.write(frame);
    } catch {
      onClose();
      return;
    }
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

  await send('open', { conversationId: conversation.id, mode: body.mode });

  const assistantChunks = [];
  try {
    for await (const evt of runAsk({ question: body.question, mode: body.mode, signal: abortController.signal })) {
      if (aborted) break;
      if (evt.type === 'delta') {
        assistantChunks.push(evt.text);
        await send('delta', { text: evt.text });
      } else if (evt.type === 'error') {
        await send('error', { error: evt.error });
      }
    }
    if (assistantChunks.length) {
      await convs.appendTurn(conversation.id, { role: 'assistant', content: assistantChunks.join('') });
    }
    await send('done', {});
  } finally {
    req.off('close', onClose);
    if (!res.writableEnded) res.end();
  }
});

export default router;
