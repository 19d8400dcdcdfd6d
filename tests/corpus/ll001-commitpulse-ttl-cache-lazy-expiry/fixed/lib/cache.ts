type CacheItem<T> = {
  value: T;
  expiresAt: number;
};

const DEFAULT_MAX_ENTRIES = 1000;

export class TTLCache<T> {
  private store = new Map<string, CacheItem<T>>();

  constructor(private readonly maxEntries: number = DEFAULT_MAX_ENTRIES) {}

  get(key: string): T | null {
    const hit = this.store.get(key);
    if (!hit) return null;

    if (Date.now() > hit.expiresAt) {
      this.store.delete(key);
      return null;
    }

    return hit.value;
  }

  set(key: string, value: T, ttlMs: number): void {
    const now = Date.now();
    // expired entries of users who never came back
    for (const [k, item] of this.store) {
      if (now > item.expiresAt) this.store.delete(k);
    }
    this.store.delete(key);
    this.store.set(key, { value, expiresAt: now + ttlMs });
    while (this.store.size > this.maxEntries) {
      const oldest = this.store.keys().next().value as string;
      this.store.delete(oldest);
    }
  }

  clear(): void {
    this.store.clear();
  }
}
