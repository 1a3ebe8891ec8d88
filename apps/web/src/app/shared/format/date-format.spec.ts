import { daysUntil, formatDate } from './date-format';

describe('daysUntil', () => {
  const now = new Date('2026-03-10T12:00:00Z');

  it.each([
    ['exactly two days ahead', '2026-03-12T12:00:00Z', 2],
    ['two days and a minute', '2026-03-12T12:01:00Z', 3],
    ['three hours ahead', '2026-03-10T15:00:00Z', 1],
    ['now', '2026-03-10T12:00:00Z', 0],
    ['in the past', '2026-03-01T00:00:00Z', 0],
  ])('%s → %d', (_case, iso, days) => {
    expect(daysUntil(iso, now)).toBe(days);
  });

  it('is null without a usable date', () => {
    expect(daysUntil(null, now)).toBeNull();
    expect(daysUntil('not a date', now)).toBeNull();
  });

  it('formats a missing date as a dash', () => {
    expect(formatDate(null)).toBe('—');
    expect(formatDate('2026-03-10T12:00:00Z')).toMatch(/2026/);
  });
});
