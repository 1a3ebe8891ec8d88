import { hasProAccess } from './subscription-access.js';

describe('hasProAccess', () => {
  const now = new Date('2026-06-01T12:00:00Z');
  const at = (iso: string) => new Date(iso);

  it('opens Pro for active and past-due subscriptions', () => {
    expect(hasProAccess({ plan: 'pro', status: 'active', trialEndsAt: null }, now)).toBe(true);
    expect(hasProAccess({ plan: 'pro', status: 'past_due', trialEndsAt: null }, now)).toBe(true);
  });

  it('opens Pro for a trial only until it ends', () => {
    expect(hasProAccess({ plan: 'pro', status: 'trialing', trialEndsAt: at('2026-06-01T12:00:01Z') }, now)).toBe(true);
    expect(hasProAccess({ plan: 'pro', status: 'trialing', trialEndsAt: at('2026-06-01T12:00:00Z') }, now)).toBe(false);
    expect(hasProAccess({ plan: 'pro', status: 'trialing', trialEndsAt: null }, now)).toBe(false);
  });

  it('locks canceled, unpaid, missing subscriptions', () => {
    expect(hasProAccess({ plan: 'pro', status: 'canceled', trialEndsAt: null }, now)).toBe(false);
    expect(hasProAccess({ plan: 'pro', status: 'unpaid', trialEndsAt: null }, now)).toBe(false);
    expect(hasProAccess({ plan: 'free', status: 'none', trialEndsAt: null }, now)).toBe(false);
    expect(hasProAccess(null, now)).toBe(false);
  });
});
