import { queueTitle } from './queue-title';

describe('queueTitle', () => {
  const base = 'Escalations · ResolutionFlow';

  it('is the plain title when nothing is unseen', () => {
    expect(queueTitle(base, 0, true, false)).toBe(base);
  });

  it('alternates between a count and a "new" line while something is unseen', () => {
    expect(queueTitle(base, 1, false, false)).toBe(`(1) ${base}`);
    expect(queueTitle(base, 1, true, false)).toBe(`● New escalation · ${base}`);
    expect(queueTitle(base, 3, true, false)).toBe(`● 3 new escalations · ${base}`);
  });

  it('does not flash for people who ask for reduced motion', () => {
    expect(queueTitle(base, 2, true, true)).toBe(`(2) ${base}`);
    expect(queueTitle(base, 2, false, true)).toBe(`(2) ${base}`);
  });
});
