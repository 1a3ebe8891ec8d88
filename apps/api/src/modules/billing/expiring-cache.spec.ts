import { ExpiringCache } from './expiring-cache.js';

describe('ExpiringCache', () => {
  let now: number;
  const clock = () => now;
  beforeEach(() => {
    now = 1_000_000;
  });

  it('answers a stored value until its time to live has passed, then loads again', async () => {
    const sut = new ExpiringCache<number>(60_000, 100, clock);
    let loads = 0;
    const load = async () => ++loads;
    expect(await sut.getOrLoad('a', load)).toBe(1);
    now += 59_999;
    expect(await sut.getOrLoad('a', load)).toBe(1);
    now += 1;
    expect(await sut.getOrLoad('a', load)).toBe(2);
    expect(loads).toBe(2);
  });

  it('drops entries by key, by predicate and all at once', async () => {
    const sut = new ExpiringCache<string>(60_000, 100, clock);
    for (const key of ['a', 'b', 'c']) await sut.getOrLoad(key, async () => (key === 'c' ? 'free' : 'pro'));
    sut.delete('a');
    expect(sut.get('a')).toBeUndefined();
    sut.deleteWhere((value) => value === 'free');
    expect(sut.get('b')).toBe('pro');
    expect(sut.get('c')).toBeUndefined();
    sut.clear();
    expect(sut.size).toBe(0);
  });

  it('does not store a load that raced with an invalidation', async () => {
    const sut = new ExpiringCache<string>(60_000, 100, clock);
    let release!: (v: string) => void;
    const slow = sut.getOrLoad('a', () => new Promise<string>((r) => (release = r)));
    sut.delete('a');
    release('old');
    expect(await slow).toBe('old');
    expect(sut.get('a')).toBeUndefined();
    expect(await sut.getOrLoad('a', async () => 'new')).toBe('new');
    expect(sut.get('a')).toBe('new');
  });

  it('shares one load among concurrent misses of a key, and starts a fresh one after an invalidation', async () => {
    const sut = new ExpiringCache<string>(60_000, 100, clock);
    const releases: ((v: string) => void)[] = [];
    const load = () => new Promise<string>((r) => releases.push(r));
    const first = [sut.getOrLoad('a', load), sut.getOrLoad('a', load), sut.getOrLoad('a', load)];
    expect(releases).toHaveLength(1);
    sut.delete('a');
    const afterChange = sut.getOrLoad('a', load);
    expect(releases).toHaveLength(2);
    releases[0]!('old');
    releases[1]!('new');
    expect(await Promise.all(first)).toEqual(['old', 'old', 'old']);
    expect(await afterChange).toBe('new');
    expect(sut.get('a')).toBe('new');
  });

  it('lets the next miss load again after a failed load', async () => {
    const sut = new ExpiringCache<number>(60_000, 100, clock);
    await expect(sut.getOrLoad('a', async () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect(await sut.getOrLoad('a', async () => 7)).toBe(7);
  });

  it('stays within its size bound by dropping the oldest entry', async () => {
    const sut = new ExpiringCache<number>(60_000, 2, clock);
    await sut.getOrLoad('a', async () => 1);
    await sut.getOrLoad('b', async () => 2);
    await sut.getOrLoad('c', async () => 3);
    expect(sut.size).toBe(2);
    expect(sut.get('a')).toBeUndefined();
    expect(sut.get('c')).toBe(3);
  });

  it('stores nothing with a zero time to live', async () => {
    const sut = new ExpiringCache<number>(0, 2, clock);
    await sut.getOrLoad('a', async () => 1);
    expect(sut.size).toBe(0);
  });
});
