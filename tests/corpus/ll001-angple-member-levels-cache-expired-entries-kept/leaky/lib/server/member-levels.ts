import pool from '$lib/server/db';

const CACHE_TTL_MS = 5 * 60 * 1000;

type CacheEntry = { level: number; expiresAt: number };

// expect: LL001
const levelCache = new Map<string, CacheEntry>();
const inflightBatches = new Map<string, Promise<Record<string, number>>>();

async function queryMemberLevels(ids: string[]): Promise<Record<string, number>> {
    const placeholders = ids.map(() => '?').join(',');
    const [rows] = await pool.query(`SELECT mb_id, as_level FROM g5_member WHERE mb_id IN (${placeholders})`, ids);
    const levels: Record<string, number> = {};
    const expiresAt = Date.now() + CACHE_TTL_MS;
    for (const row of rows as any[]) {
        levels[row.mb_id] = Number(row.as_level) || 1;
        levelCache.set(row.mb_id, { level: levels[row.mb_id], expiresAt });
    }
    return levels;
}

export async function fetchMemberLevels(ids: string[]): Promise<Record<string, number>> {
    const levels: Record<string, number> = {};
    const missing: string[] = [];
    const now = Date.now();
    for (const id of ids) {
        const cached = levelCache.get(id);
        if (cached && cached.expiresAt > now) {
            levels[id] = cached.level;
            continue;
        }
        missing.push(id);
    }
    if (missing.length > 0) {
        const batchKey = [...missing].sort().join(',');
        let pending = inflightBatches.get(batchKey);
        if (!pending) {
            pending = queryMemberLevels(missing).finally(() => {
                inflightBatches.delete(batchKey);
            });
            inflightBatches.set(batchKey, pending);
        }
        Object.assign(levels, await pending);
    }
    return levels;
}
