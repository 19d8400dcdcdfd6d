import LruCache from './LruCache';

export interface ContextDeduplicatorOptions {
  contextKeysFlushInterval: number;
  contextKeysCapacity: number;
}

export default class ContextDeduplicator {
  public readonly flushInterval: number;

  private contextKeysCache: LruCache;

  constructor(options: ContextDeduplicatorOptions) {
    this.contextKeysCache = new LruCache({ max: options.contextKeysCapacity });
    this.flushInterval = options.contextKeysFlushInterval;
  }

  public processContext(context: { canonicalKey: string }): boolean {
    const inCache = this.contextKeysCache.get(context.canonicalKey);
    this.contextKeysCache.set(context.canonicalKey, true);
    return !inCache;
  }

  public flush(): void {
    this.contextKeysCache.clear();
  }
}
