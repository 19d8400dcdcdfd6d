import express, { Request, Response, NextFunction } from 'express';

interface Timing {
  start: bigint;
  route?: string;
}

const timings = new WeakMap<Request, Timing>();
const app = express();

app.use((req: Request, res: Response, next: NextFunction) => {
  timings.set(req, { start: process.hrtime.bigint() });
  res.on('finish', () => {
    const timing = timings.get(req);
    if (timing) {
      const ms = Number(process.hrtime.bigint() - timing.start) / 1e6;
      console.log(`${req.method} ${req.originalUrl} ${res.statusCode} ${ms.toFixed(1)}ms`);
    }
  });
  next();
});

app.get('/', (req, res) => res.send('ok'));
app.listen(3000);
