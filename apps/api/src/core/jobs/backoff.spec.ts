import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  it('doubles the ceiling per attempt and never passes the cap', () => {
    expect(backoffDelay(1, 100, 10_000, () => 1)).toBe(100);
    expect(backoffDelay(2, 100, 10_000, () => 1)).toBe(200);
    expect(backoffDelay(5, 100, 10_000, () => 1)).toBe(1_600);
    expect(backoffDelay(30, 100, 10_000, () => 1)).toBe(10_000);
  });

  it('keeps at least half the ceiling so retries do not bunch up at zero', () => {
    expect(backoffDelay(3, 100, 10_000, () => 0)).toBe(200);
  });
});
