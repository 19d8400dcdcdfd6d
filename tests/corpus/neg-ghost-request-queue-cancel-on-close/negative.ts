import path from 'node:path';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

interface QueuedRequest {
  req: Request;
  res: Response;
  next: NextFunction;
  cancel: () => void;
}

export function queueRequest(concurrencyLimit: number): RequestHandler {
  const queue = new Set<QueuedRequest>();
  let activeCount = 0;

  function start({ res, next }: QueuedRequest) {
    activeCount += 1;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      activeCount -= 1;
      setImmediate(startNext);
    };
    res.once('finish', release);
    res.once('close', release);
    next();
  }

  function startNext() {
    while (activeCount < concurrencyLimit && queue.size > 0) {
      const [entry] = queue;
      queue.delete(entry);
      entry.res.removeListener('close', entry.cancel);
      start(entry);
    }
  }

  return function queueRequestMw(req: Request, res: Response, next: NextFunction) {
    if (path.extname(req.path)) return next();
    const entry: QueuedRequest = { req, res, next, cancel: () => queue.delete(entry) };
    if (activeCount < concurrencyLimit && queue.size === 0) return start(entry);
    queue.add(entry);
    res.once('close', entry.cancel);
  };
}
