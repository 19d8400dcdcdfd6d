interface CacheEntry<T> {
  readonly value: T;
  readonly storedAt: number;
}

const DEFAULT_MAX_ENTRIES = 2_000;

// Expired entries are kept on purpose: getStale() serves them while the upstream is down.
// The ceiling bounds how many: past it, the oldest insertions go first.
export class TtlCache<T> {
  private readonly entries = new Map<string, CacheEntry<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number = DEFAULT_MAX_ENTRIES,
  ) {}

  getFresh(key: string, now: number = Date.now()): T | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    return now - entry.storedAt < this.ttlMs ? entry.value : undefined;
  }

  getStale(key: string): T | undefined {
    return this.entries.get(key)?.value;
  }

  set(key: string, value: T, now: number = Date.now()): void {
    // re-inserting moves the key to the end of the insertion order
    this.entries.delete(key);
    this.entries.set(key, { value, storedAt: now });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}
