export interface LruCacheOptions {
  max: number;
}

export default class LruCache {
  private values: any[];

  private keys: Array<string | undefined>;

  private next: Uint32Array;

  private prev: Uint32Array;

  private keyMap: Map<string, number> = new Map();

  private head = 0;

  private tail = 0;

  private size = 0;

  private max: number;

  constructor(options: LruCacheOptions) {
    this.max = options.max;
    this.values = new Array(this.max);
    this.keys = new Array(this.max);
    this.next = new Uint32Array(this.max);
    this.prev = new Uint32Array(this.max);
  }

  set(key: string, val: any) {
    let index = this.keyMap.get(key);
    if (index === undefined) {
      index = this.index();
      this.keys[index] = key;
      this.keyMap.set(key, index);
      this.next[this.tail] = index;
      this.prev[index] = this.tail;
      this.tail = index;
      this.size += 1;
    }
    this.values[index] = val;
  }

  get(key: string): any {
    const index = this.keyMap.get(key);
    return index === undefined ? undefined : this.values[index];
  }

  clear() {
    this.head = 0;
    this.tail = 0;
    this.size = 0;
    this.values.fill(undefined);
    this.keys.fill(undefined);
    this.next.fill(0);
    this.prev.fill(0);
    this.keyMap.clear();
  }

  private index() {
    if (this.size === 0) {
      return this.tail;
    }
    if (this.size === this.max) {
      return this.evict();
    }
    return this.size;
  }

  private evict(): number {
    const { head } = this;
    const k = this.keys[head];
    this.head = this.next[head];
    this.keyMap.delete(k!);
    this.size -= 1;
    return head;
  }
}
