interface CacheEntry<T> {
  readonly value: T;
  readonly storedAt: number;
}

// Expired entries are kept on purpose: getStale() serves them while the upstream is down.
export class TtlCache<T> {
  // expect: LL001
  private readonly entries = new Map<string, CacheEntry<T>>();

  constructor(private readonly ttlMs: number) {}

  getFresh(key: string, now: number = Date.now()): T | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    return now - entry.storedAt < this.ttlMs ? entry.value : undefined;
  }

  getStale(key: string): T | undefined {
    return this.entries.get(key)?.value;
  }

  set(key: string, value: T, now: number = Date.now()): void {
    this.entries.set(key, { value, storedAt: now });
  }
}
