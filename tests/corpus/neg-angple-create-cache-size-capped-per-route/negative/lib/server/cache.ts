interface CacheEntry<T> {
    value: T;
    expiresAt: number;
}

interface CacheOptions {
    ttl: number;
    maxSize: number;
}

const DEFAULT_OPTIONS: CacheOptions = { ttl: 60_000, maxSize: 500 };

export interface Cache<T> {
    get(key: string): T | undefined;
    set(key: string, value: T): void;
    getOrSet(key: string, factory: () => Promise<T>): Promise<T>;
    delete(key: string): void;
}

export function createCache<T>(options?: Partial<CacheOptions>): Cache<T> {
    const config = { ...DEFAULT_OPTIONS, ...options };
    const store = new Map<string, CacheEntry<T>>();
    const pending = new Map<string, Promise<T>>();

    function evictExpired(): void {
        const now = Date.now();
        for (const [key, entry] of store) {
            if (now > entry.expiresAt) store.delete(key);
        }
    }

    return {
        get(key) {
            const entry = store.get(key);
            if (!entry) return undefined;
            if (Date.now() > entry.expiresAt) {
                store.delete(key);
                return undefined;
            }
            return entry.value;
        },

        set(key, value) {
            if (store.size >= config.maxSize) {
                evictExpired();
                if (store.size >= config.maxSize) {
                    const oldest = store.keys().next().value;
                    if (oldest !== undefined) store.delete(oldest);
                }
            }
            store.set(key, { value, expiresAt: Date.now() + config.ttl });
        },

        async getOrSet(key, factory) {
            const cached = this.get(key);
            if (cached !== undefined) return cached;
            const inflight = pending.get(key);
            if (inflight) return inflight;
            const promise = factory()
                .then((value) => {
                    this.set(key, value);
                    pending.delete(key);
                    return value;
                })
                .catch((err) => {
                    pending.delete(key);
                    throw err;
                });
            pending.set(key, promise);
            return promise;
        },

        delete(key) {
            store.delete(key);
        }
    };
}
