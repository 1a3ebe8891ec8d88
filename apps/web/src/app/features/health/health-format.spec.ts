import { formatLatency, formatUptime } from './health-format';

describe('formatUptime', () => {
  it.each([
    [0, '0 s'],
    [59.9, '59 s'],
    [60, '1 min'],
    [3599, '59 min'],
    [3600, '1 h'],
    [3 * 3600 + 12 * 60 + 5, '3 h 12 min'],
    [86400, '1 d'],
    [2 * 86400 + 4 * 3600 + 59, '2 d 4 h'],
    [-5, '0 s'],
  ])('formats %d seconds as "%s"', (seconds, text) => {
    expect(formatUptime(seconds)).toBe(text);
  });
});

describe('formatLatency', () => {
  it.each([
    [0.4, '< 1 ms'],
    [1, '1 ms'],
    [12.6, '13 ms'],
  ])('formats %d ms as "%s"', (milliseconds, text) => {
    expect(formatLatency(milliseconds)).toBe(text);
  });
});
