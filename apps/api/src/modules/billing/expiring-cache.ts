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
  /** Loads in flight, by key, with the epoch they started in (a later invalidation starts a fresh one). */
  private readonly loading = new Map<string, { epoch: number; value: Promise<V> }>();
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

  /** The cached value, or the one `load` answers; concurrent misses of a key share one load. */
  async getOrLoad(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    const epoch = this.epoch;
    const pending = this.loading.get(key);
    if (pending && pending.epoch === epoch) return pending.value;
    const value = load();
    this.loading.set(key, { epoch, value });
    try {
      const loaded = await value;
      if (epoch === this.epoch && this.ttlMs > 0) this.store(key, loaded);
      return loaded;
    } finally {
      if (this.loading.get(key)?.value === value) this.loading.delete(key);
    }
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
