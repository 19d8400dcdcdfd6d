import { LRUCache } from 'lru-cache';
import express from 'express';

const cache = new LRUCache({
  max: 500,
  maxSize: 500 * 1024 * 1024,
  sizeCalculation: (value) => JSON.stringify(value).length,
  ttl: 1000 * 60 * 5,
});

const app = express();

app.get('/reports/:id', async (req, res) => {
  const key = req.params.id;
  let report = cache.get(key);
  if (!report) {
    report = await loadReport(key);
    cache.set(key, report);
  }
  res.json(report);
});

async function loadReport(id) {
  return { id, rows: [] };
}

app.listen(3000);
