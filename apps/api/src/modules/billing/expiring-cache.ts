interface Entry<V> {
  value: V;
  expiresAt: number;
}

/**
 * An in-process cache whose entries live `ttlMs` at most. Invalidation bumps an epoch, so a load
 * that started before an invalidation is answered to its caller but never stored: a slow read
 * cannot put back what a concurrent change just dropped.
 */
export class ExpiringCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private epoch = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly clock: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.clock()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  async getOrLoad(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    const epoch = this.epoch;
    const value = await load();
    if (epoch === this.epoch && this.ttlMs > 0) this.store(key, value);
    return value;
  }

  delete(key: string): void {
    this.epoch += 1;
    this.entries.delete(key);
  }

  deleteWhere(predicate: (value: V, key: string) => boolean): void {
    this.epoch += 1;
    for (const [key, entry] of this.entries) if (predicate(entry.value, key)) this.entries.delete(key);
  }

  clear(): void {
    this.epoch += 1;
    this.entries.clear();
  }

  private store(key: string, value: V): void {
    this.entries.delete(key);
    // Maps iterate in insertion order, so the first key is the oldest entry.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { value, expiresAt: this.clock() + this.ttlMs });
  }
}
