import { dailySeries, dayLabel, formatDuration, shareOf } from './escalation-metrics';

describe('formatDuration', () => {
  it.each([
    [null, '—'],
    [-1, '—'],
    [0, '0 s'],
    [44.6, '45 s'],
    [60, '1 min'],
    [59 * 60, '59 min'],
    [3600, '1 h'],
    [4800, '1 h 20 min'],
    [86_400, '1 d'],
    [2 * 86_400 + 3 * 3600, '2 d 3 h'],
  ])('%s seconds → %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe('shareOf', () => {
  it('gives the part, the total and the share', () => {
    expect(shareOf(3, 4)).toBe('3 of 4 (75%)');
    expect(shareOf(0, 0)).toBe('0');
  });
});

describe('dailySeries', () => {
  it('turns the days into chart series, medians in minutes and gaps where nothing was picked up', () => {
    const series = dailySeries([
      { date: '2026-03-04', nEscalations: 2, nClaimed: 1, medianTimeToClaimSeconds: 90, medianTimeToFirstActionSeconds: 30 },
      { date: '2026-03-05', nEscalations: 0, nClaimed: 0, medianTimeToClaimSeconds: null, medianTimeToFirstActionSeconds: null },
    ]);
    expect(series).toEqual({
      labels: [dayLabel('2026-03-04'), dayLabel('2026-03-05')],
      escalations: [2, 0],
      claimed: [1, 0],
      claimMinutes: [1.5, null],
      actionMinutes: [0.5, null],
    });
    expect(dayLabel('2026-03-04')).toMatch(/4/);
  });
});
