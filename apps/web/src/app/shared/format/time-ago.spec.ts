import { timeAgo } from './time-ago';

describe('timeAgo', () => {
  const now = new Date('2026-03-10T12:00:00Z');
  const before = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();

  it.each([
    [0, 'just now'],
    [59, 'just now'],
    [60, '1 minute ago'],
    [119, '1 minute ago'],
    [120, '2 minutes ago'],
    [59 * 60 + 59, '59 minutes ago'],
    [3600, '1 hour ago'],
    [2 * 3600 + 1, '2 hours ago'],
    [23 * 3600 + 3599, '23 hours ago'],
    [86_400, '1 day ago'],
    [29 * 86_400, '29 days ago'],
  ])('%d seconds ago → %s', (seconds, text) => {
    expect(timeAgo(before(seconds), now)).toBe(text);
  });

  it('gives the date for anything older than a month', () => {
    expect(timeAgo('2026-01-02T12:00:00Z', now)).toMatch(/^on .*2026$/);
  });

  it('reads a time slightly in the future (clock skew) as just now', () => {
    expect(timeAgo(new Date(now.getTime() + 5_000), now)).toBe('just now');
  });

  it('says nothing without a usable time', () => {
    expect(timeAgo(null, now)).toBe('');
    expect(timeAgo(undefined, now)).toBe('');
    expect(timeAgo('not a time', now)).toBe('');
  });
});
