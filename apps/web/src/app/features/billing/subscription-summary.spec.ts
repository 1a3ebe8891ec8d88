import { dayCount, describeSubscription, formatPrice, planName } from './subscription-summary';

const NOW = new Date('2026-03-10T12:00:00Z');

describe('describeSubscription', () => {
  it('counts the trial days left, a started day counting as one', () => {
    const view = describeSubscription({ plan: 'pro', status: 'trialing', trialEndsAt: '2026-03-20T09:00:00Z' }, NOW);
    expect(view).toMatchObject({ planName: 'Pro', status: 'Trial', tone: 'ok', open: true, trialDaysLeft: 10 });
    expect(view.detail).toContain('10 days left in the Pro trial');
  });

  it('warns in the last days of a trial', () => {
    const view = describeSubscription({ plan: 'pro', status: 'trialing', trialEndsAt: '2026-03-10T15:00:00Z' }, NOW);
    expect(view).toMatchObject({ tone: 'warning', trialDaysLeft: 1, open: true });
    expect(view.detail).toContain('1 day left');
  });

  it('treats a trial past its end as lapsed even before Stripe says so', () => {
    const view = describeSubscription({ plan: 'pro', status: 'trialing', trialEndsAt: '2026-03-01T00:00:00Z' }, NOW);
    expect(view).toMatchObject({ status: 'Trial ended', tone: 'danger', open: false, trialDaysLeft: 0 });
  });

  it.each([
    ['active', 'Active', true],
    ['past_due', 'Payment overdue', true],
    ['canceled', 'Canceled', false],
    ['unpaid', 'Unpaid', false],
    ['none', 'No subscription', false],
  ] as const)('%s reads as %s (open: %s)', (status, label, open) => {
    const view = describeSubscription({ plan: 'team_plus', status, trialEndsAt: null }, NOW);
    expect(view.status).toBe(label);
    expect(view.open).toBe(open);
    expect(view.planName).toBe('Team Plus');
  });
});

describe('formatting', () => {
  it('names plans from their keys', () => {
    expect(planName('pro')).toBe('Pro');
    expect(planName('')).toBe('No plan');
  });

  it('counts days', () => {
    expect(dayCount(1)).toBe('1 day');
    expect(dayCount(3)).toBe('3 days');
  });

  it('prices per interval in the plan currency', () => {
    expect(formatPrice(4900, 'usd', 'month')).toMatch(/^\$49\.00 \/ month$/);
    expect(formatPrice(100, 'zz', 'year')).toBe('1.00 ZZ / year');
  });
});
