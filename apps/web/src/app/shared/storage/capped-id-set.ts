/** The part of `Storage` a capped set needs, so tests can pass a plain object. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** `localStorage` when the browser allows it (private modes and sandboxed frames may throw). */
export function browserStorage(): KeyValueStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/**
 * A set of ids kept in storage under `key`, at most `cap` of them: adding one more evicts the
 * one added longest ago, and adding an id again makes it the newest. Without storage (or when
 * it is full or unreadable) it still works for this page's lifetime.
 */
export class CappedIdSet {
  private ids: string[] | null = null;

  constructor(
    private readonly storage: KeyValueStorage | null,
    readonly key: string,
    readonly cap: number,
  ) {
    if (!Number.isInteger(cap) || cap < 1) throw new Error('cap must be a positive integer');
  }

  has(id: string): boolean {
    return this.load().includes(id);
  }

  /** Oldest first. */
  values(): readonly string[] {
    return [...this.load()];
  }

  get size(): number {
    return this.load().length;
  }

  add(id: string): void {
    const ids = this.load().filter((existing) => existing !== id);
    ids.push(id);
    this.ids = ids.length > this.cap ? ids.slice(ids.length - this.cap) : ids;
    this.save();
  }

  /** Forgets what was read, so the next call sees what another tab wrote. */
  reload(): void {
    this.ids = null;
  }

  private load(): string[] {
    if (this.ids) return this.ids;
    this.ids = this.read();
    return this.ids;
  }

  private read(): string[] {
    try {
      const parsed: unknown = JSON.parse(this.storage?.getItem(this.key) ?? '[]');
      if (!Array.isArray(parsed)) return [];
      const ids = parsed.filter((value): value is string => typeof value === 'string');
      return ids.slice(Math.max(0, ids.length - this.cap));
    } catch {
      return [];
    }
  }

  private save(): void {
    try {
      this.storage?.setItem(this.key, JSON.stringify(this.ids));
    } catch {
      // Quota or privacy settings: the set still holds for this page.
    }
  }
}
