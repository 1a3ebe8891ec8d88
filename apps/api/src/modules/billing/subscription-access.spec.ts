import { hasProAccess, statusAfterInvoice, stillBills } from './subscription-access.js';

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

describe('stillBills', () => {
  it('counts a linked subscription until Stripe ends it, unpaid included', () => {
    for (const status of ['trialing', 'active', 'past_due', 'unpaid'] as const) {
      expect(stillBills({ status, stripeSubscriptionId: 'sub_1' })).toBe(true);
    }
    expect(stillBills({ status: 'canceled', stripeSubscriptionId: 'sub_1' })).toBe(false);
    expect(stillBills({ status: 'none', stripeSubscriptionId: 'sub_1' })).toBe(false);
  });

  it('does not count our own trial, which Stripe does not know', () => {
    expect(stillBills({ status: 'trialing', stripeSubscriptionId: null })).toBe(false);
  });
});

describe('statusAfterInvoice', () => {
  const failed = { kind: 'payment_failed', amountPaid: 0 } as const;
  const paid = { kind: 'paid', amountPaid: 4900 } as const;

  it('turns only an active subscription past due when a payment fails', () => {
    expect(statusAfterInvoice('active', failed)).toBe('past_due');
    for (const status of ['trialing', 'past_due', 'unpaid', 'canceled', 'none'] as const) {
      expect(statusAfterInvoice(status, failed)).toBeNull();
    }
  });

  it('makes a subscription active on real money, never a canceled one, never on a zero invoice', () => {
    for (const status of ['trialing', 'past_due', 'unpaid', 'none', 'active'] as const) {
      expect(statusAfterInvoice(status, paid)).toBe('active');
    }
    expect(statusAfterInvoice('canceled', paid)).toBeNull();
    expect(statusAfterInvoice('trialing', { kind: 'paid', amountPaid: 0 })).toBeNull();
  });
});
