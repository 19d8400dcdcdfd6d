// Two-tier cache: a Map with an entry cap in front of Redis (Redis reduced away).
export class TieredCache<T> {
    private l1 = new Map<string, { value: T; expiresAt: number }>();

    constructor(private prefix: string, private l1TtlMs: number, private l2TtlSec: number, private maxL1: number) {}

    async get(key: string): Promise<T | null> {
        const hit = this.l1.get(key);
        if (hit && hit.expiresAt > Date.now()) return hit.value;
        return null;
    }

    async set(key: string, value: T): Promise<void> {
        if (this.l1.size >= this.maxL1) {
            const oldest = this.l1.keys().next().value;
            if (oldest !== undefined) this.l1.delete(oldest);
        }
        this.l1.set(key, { value, expiresAt: Date.now() + this.l1TtlMs });
    }

    async delete(key: string): Promise<void> {
        this.l1.delete(key);
    }
}
