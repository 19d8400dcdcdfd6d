import { createHash } from 'node:crypto';
import { TieredCache } from '../cache';
import { pool } from '../db';

export interface SessionData {
    userId: number;
    expiresAt: Date;
    // Kept in the cache entry, so it is evicted with it.
    lastDbUpdate?: number;
}

const LAST_ACTIVE_UPDATE_INTERVAL = 5 * 60 * 1000;

// L1 (bounded, LRU) in front of Redis.
const sessionCache = new TieredCache<SessionData>('sess', 60_000, 300, 2000);

function hashSessionId(sessionId: string): string {
    return createHash('sha256').update(sessionId).digest('hex');
}

export async function getSession(sessionId: string): Promise<SessionData | null> {
    const key = hashSessionId(sessionId);
    const now = Date.now();

    const cached = await sessionCache.get(key);
    if (cached) {
        const last = cached.lastDbUpdate ?? 0;
        if (now - last > LAST_ACTIVE_UPDATE_INTERVAL) {
            cached.lastDbUpdate = now;
            pool.query('UPDATE sessions SET last_active_at = NOW() WHERE id_hash = ?', [key]).catch(() => {});
        }
        return cached;
    }

    const [rows] = await pool.query('SELECT user_id, expires_at FROM sessions WHERE id_hash = ?', [key]);
    const row = rows[0];
    if (!row) return null;

    const data: SessionData = { userId: row.user_id, expiresAt: new Date(row.expires_at), lastDbUpdate: now };
    await sessionCache.set(key, data);
    return data;
}

export async function destroySession(sessionId: string): Promise<void> {
    const key = hashSessionId(sessionId);
    await sessionCache.delete(key);
    await pool.query('DELETE FROM sessions WHERE id_hash = ?', [key]);
}
