import { Router } from 'express';

const router = Router();

interface CacheEntry {
  data: unknown;
  expiresAt: number;
}

// expect: LL001
const cache = new Map<string, CacheEntry>();
const CACHE_TTL = 60 * 60 * 1000;

async function fetchCalendar(username: string, year: number): Promise<unknown> {
  const response = await fetch('https://leetcode.com/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ variables: { username, year } }),
  });
  return response.json();
}

router.get('/calendar/:username', async (req, res) => {
  const { username } = req.params;
  const year = req.query.year ? Number(req.query.year) : new Date().getFullYear();
  const cacheKey = `${username}:${year}`;

  const cached = cache.get(cacheKey);
  if (cached && cached.expiresAt > Date.now()) {
    res.json(cached.data);
    return;
  }

  const data = await fetchCalendar(username, year);
  cache.set(cacheKey, { data, expiresAt: Date.now() + CACHE_TTL });

  // Evict stale entries periodically
  if (cache.size > 200) {
    const now = Date.now();
    for (const [key, entry] of cache) {
      if (entry.expiresAt < now) cache.delete(key);
    }
  }

  res.json(data);
});

export { router as leetcodeRouter };
