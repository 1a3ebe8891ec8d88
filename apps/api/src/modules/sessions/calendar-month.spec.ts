import { utcMonthOf } from './calendar-month.js';

describe('utcMonthOf', () => {
  it('spans the calendar month in UTC', () => {
    const sut = utcMonthOf(new Date('2026-03-17T12:34:56Z'));
    expect(sut.start.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(sut.next.toISOString()).toBe('2026-04-01T00:00:00.000Z');
  });

  it('rolls December over into the next year', () => {
    expect(utcMonthOf(new Date('2026-12-31T23:59:59.999Z')).next.toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('goes by UTC, not the local offset, at the edges', () => {
    expect(utcMonthOf(new Date('2026-05-01T00:00:00Z')).start.toISOString()).toBe('2026-05-01T00:00:00.000Z');
    expect(utcMonthOf(new Date('2026-04-30T23:59:59.999-00:00')).start.toISOString()).toBe('2026-04-01T00:00:00.000Z');
    // 1 May in UTC+2 is still 30 April in UTC.
    expect(utcMonthOf(new Date('2026-05-01T01:00:00+02:00')).start.toISOString()).toBe('2026-04-01T00:00:00.000Z');
  });
});
