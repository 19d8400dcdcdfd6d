import { Router } from 'express';

const router = Router();

interface CacheEntry {
  data: unknown;
  expiresAt: number;
}

const cache = new Map<string, CacheEntry>();
const CACHE_TTL = 60 * 60 * 1000;
const MAX_CACHE_ENTRIES = 500;

async function fetchCalendar(username: string, year: number): Promise<unknown> {
  const response = await fetch('https://leetcode.com/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ variables: { username, year } }),
  });
  return response.json();
}

function remember(key: string, entry: CacheEntry): void {
  cache.delete(key);
  if (cache.size >= MAX_CACHE_ENTRIES) {
    // Maps iterate in insertion order: the first key is the least recently used.
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(key, entry);
}

router.get('/calendar/:username', async (req, res) => {
  const { username } = req.params;
  const year = req.query.year ? Number(req.query.year) : new Date().getFullYear();
  const cacheKey = `${username}:${year}`;

  const cached = cache.get(cacheKey);
  if (cached && cached.expiresAt > Date.now()) {
    remember(cacheKey, cached);
    res.json(cached.data);
    return;
  }

  const data = await fetchCalendar(username, year);
  remember(cacheKey, { data, expiresAt: Date.now() + CACHE_TTL });
  res.json(data);
});

export { router as leetcodeRouter };
