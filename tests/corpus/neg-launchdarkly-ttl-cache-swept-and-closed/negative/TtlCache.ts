function hasExpired(entry: CacheEntry): boolean {
  return Date.now() > entry.expiration;
}

export interface TtlCacheOptions {
  ttl: number;
  checkInterval: number;
}

interface CacheEntry {
  value: any;
  expiration: number;
}

export default class TtlCache {
  private storage: Map<string, CacheEntry> = new Map();

  private checkIntervalHandle: any;

  constructor(private readonly options: TtlCacheOptions) {
    this.checkIntervalHandle = setInterval(() => {
      this.purgeStale();
    }, options.checkInterval * 1000);
  }

  public get(key: string): any {
    const entry = this.storage.get(key);
    if (entry && hasExpired(entry)) {
      this.storage.delete(key);
      return undefined;
    }
    return entry?.value;
  }

  public set(key: string, value: any) {
    this.storage.set(key, { value, expiration: Date.now() + this.options.ttl * 1000 });
  }

  public clear() {
    this.storage.clear();
  }

  public close() {
    this.clear();
    if (this.checkIntervalHandle) {
      clearInterval(this.checkIntervalHandle);
      this.checkIntervalHandle = null;
    }
  }

  private purgeStale() {
    this.storage.forEach((entry, key) => {
      if (hasExpired(entry)) {
        this.storage.delete(key);
      }
    });
  }
}
