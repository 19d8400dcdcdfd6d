import TtlCache from './TtlCache';

const defaultCheckInterval = 600;

interface PersistentDataStore {
  get(namespace: string, key: string, callback: (descriptor?: { version: number; serializedItem?: string }) => void): void;
  close(): void;
}

function cacheKey(namespace: string, key: string) {
  return `${namespace}:${key}`;
}

export default class PersistentDataStoreWrapper {
  private itemCache: TtlCache | undefined;

  constructor(private readonly core: PersistentDataStore, ttl: number) {
    if (ttl) {
      this.itemCache = new TtlCache({ ttl, checkInterval: defaultCheckInterval });
    }
  }

  get(namespace: string, key: string, callback: (res: object | null) => void): void {
    const cached = this.itemCache?.get(cacheKey(namespace, key));
    if (cached) {
      callback(cached.deleted ? null : cached);
      return;
    }
    this.core.get(namespace, key, (descriptor) => {
      if (descriptor?.serializedItem) {
        const value = JSON.parse(descriptor.serializedItem);
        this.itemCache?.set(cacheKey(namespace, key), value);
        callback(value.deleted ? null : value);
        return;
      }
      callback(null);
    });
  }

  close(): void {
    this.itemCache?.close();
    this.core.close();
  }
}
