export interface CacheEntry {
  data: any;
  expiry: number;
  lastAccessed: number;
}

export class ResourceCache {
  // expect: LL001
  private cache = new Map<string, CacheEntry>();

  async get<T>(key: string): Promise<T | null> {
    const entry = this.cache.get(key);
    if (!entry) return null;
    // lazy expiry: only a key that is read again is dropped
    if (entry.expiry <= Date.now()) {
      this.cache.delete(key);
      return null;
    }
    entry.lastAccessed = Date.now();
    return entry.data as T;
  }

  set(key: string, data: any, ttl: number = 300): void {
    const now = Date.now();
    this.cache.set(key, { data, expiry: now + ttl * 1000, lastAccessed: now });
  }

  delete(key: string): boolean {
    return this.cache.delete(key);
  }

  cleanup(): number {
    const now = Date.now();
    let removed = 0;
    for (const [key, entry] of this.cache.entries()) {
      if (entry.expiry <= now) {
        this.cache.delete(key);
        removed++;
      }
    }
    return removed;
  }
}

export const resourceCache = new ResourceCache();

let cleanupInterval: NodeJS.Timeout | null = null;

export function startAutomaticCleanup(intervalMs: number = 5 * 60 * 1000): void {
  if (cleanupInterval) clearInterval(cleanupInterval);
  cleanupInterval = setInterval(() => {
    resourceCache.cleanup();
  }, intervalMs);
}

export function stopAutomaticCleanup(): void {
  if (cleanupInterval) {
    clearInterval(cleanupInterval);
    cleanupInterval = null;
  }
}
