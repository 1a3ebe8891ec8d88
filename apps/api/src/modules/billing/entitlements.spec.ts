import type { PlanLimits } from '@resolutionflow/contracts';
import { entitlementsAt, LOCKED_LIMITS, type EntitlementsSnapshot, type SubscriptionSnapshot } from './entitlements.js';

const PRO: PlanLimits = { seats: 10, monthlySessions: null, standaloneScriptSessions: 5, proFeatures: true };
const FREE: PlanLimits = { seats: 1, monthlySessions: 0, standaloneScriptSessions: 0, proFeatures: false };
const now = new Date('2026-06-01T12:00:00Z');

function snapshot(subscription: Partial<SubscriptionSnapshot> | null, planLimits: PlanLimits | null = PRO): EntitlementsSnapshot {
  return {
    subscription: subscription && {
      plan: 'pro',
      status: 'active',
      trialEndsAt: null,
      currentPeriodEnd: null,
      cancelAtPeriodEnd: false,
      hasStripeCustomer: true,
      ...subscription,
    },
    planLimits,
    freeLimits: FREE,
  };
}

describe('entitlementsAt', () => {
  it('gives an active Pro subscription its plan limits', () => {
    expect(entitlementsAt(snapshot({}), now)).toMatchObject({ plan: 'pro', status: 'active', active: true, limits: PRO });
  });

  it('locks a trial once its end has passed, falling back to the free limits', () => {
    const running = entitlementsAt(snapshot({ status: 'trialing', trialEndsAt: new Date('2026-06-02T00:00:00Z') }), now);
    expect(running).toMatchObject({ active: true, limits: PRO });
    const lapsed = entitlementsAt(snapshot({ status: 'trialing', trialEndsAt: new Date('2026-06-01T11:59:59Z') }), now);
    expect(lapsed).toMatchObject({ status: 'trialing', active: false, limits: FREE });
  });

  it('never opens Pro features on a plan without them, even when paid', () => {
    const sut = entitlementsAt(snapshot({ plan: 'free', status: 'active' }, FREE), now);
    expect(sut).toMatchObject({ active: false, limits: FREE });
  });

  it('treats an account without a subscription as free and an unknown plan as locked', () => {
    expect(entitlementsAt(snapshot(null, FREE), now)).toMatchObject({ plan: 'free', status: 'none', active: false, limits: FREE });
    expect(entitlementsAt(snapshot({ plan: 'gone' }, null), now)).toMatchObject({ active: false, limits: LOCKED_LIMITS });
  });

  it('locks canceled and unpaid subscriptions', () => {
    expect(entitlementsAt(snapshot({ status: 'canceled' }), now).active).toBe(false);
    expect(entitlementsAt(snapshot({ status: 'unpaid' }), now).active).toBe(false);
    expect(entitlementsAt(snapshot({ status: 'past_due' }), now).active).toBe(true);
  });
});
