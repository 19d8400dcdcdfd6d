import { Request, Response, NextFunction } from 'express';

export interface SseOptions {
  keepAliveInterval: number;
}

export function sseHandler(options: SseOptions = { keepAliveInterval: 5000 }) {
  return (req: Request, res: Response, next: NextFunction) => {
    req.socket.setKeepAlive(true);
    req.socket.setNoDelay(true);
    req.socket.setTimeout(0);

    res.statusCode = 200;
    res.setHeader('Content-Type', 'text/event-stream');
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Connection', 'keep-alive');

    // expect: LL004
    setInterval(() => {
      res.write(': sse-keep-alive\n');
    }, options.keepAliveInterval);

    next();
  };
}
