import { Elysia } from "elysia";
import { logger } from "../utils/logger.ts";

const MAX_REQUESTS = 100;
const WINDOW_MS = 60_000;
const CLEANUP_INTERVAL_MS = 5 * 60 * 1000;

interface RateLimitEntry {
  count: number;
  windowStart: number;
}

export const rateLimitMap = new Map<string, RateLimitEntry>();

let cleanupInterval: ReturnType<typeof setInterval> | null = null;

/** Removes entries whose window has fully expired. */
export function pruneExpiredEntries(now: number = Date.now()): number {
  let removed = 0;
  for (const [key, entry] of rateLimitMap) {
    if (now - entry.windowStart >= WINDOW_MS) {
      rateLimitMap.delete(key);
      removed += 1;
    }
  }
  return removed;
}

/** Starts the periodic sweep; a second call while it runs does nothing. */
export function startRateLimitCleanup(): void {
  if (cleanupInterval) return;
  cleanupInterval = setInterval(() => pruneExpiredEntries(), CLEANUP_INTERVAL_MS);
  logger.debug("HTTP rate-limit cleanup started", { intervalMs: CLEANUP_INTERVAL_MS });
}

/** Stops the periodic sweep: called from the graceful shutdown handler. */
export function stopRateLimitCleanup(): void {
  if (cleanupInterval) {
    clearInterval(cleanupInterval);
    cleanupInterval = null;
  }
}

export const rateLimitMiddleware = new Elysia({
  name: "rate-limit-middleware",
}).onBeforeHandle((context) => {
  const { apiKeyId } = context as { apiKeyId?: string };
  if (!apiKeyId) {
    return;
  }

  const { set } = context;
  const now = Date.now();
  const entry = rateLimitMap.get(apiKeyId);

  if (!entry || now - entry.windowStart >= WINDOW_MS) {
    rateLimitMap.set(apiKeyId, { count: 1, windowStart: now });
    return;
  }

  entry.count += 1;
  if (entry.count > MAX_REQUESTS) {
    const retryAfter = Math.ceil((entry.windowStart + WINDOW_MS - now) / 1000);
    set.status = 429;
    set.headers["retry-after"] = String(retryAfter);
    return { success: false, error: "Rate limit exceeded — try again later", retryAfter };
  }
});
