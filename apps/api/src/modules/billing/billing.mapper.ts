import type { AdminPlan, PublicPlan, Subscription } from '@resolutionflow/contracts';
import type { AccountEntitlements } from './entitlements.js';
import { toLimits, type PlanWithBilling } from './plans.repository.js';

/** Only called for offered plans, which always have billing data. */
export function mapPublicPlan({ limits, billing }: PlanWithBilling): PublicPlan {
  if (!billing) throw new Error(`Plan ${limits.plan} is offered without billing data`);
  return {
    plan: limits.plan,
    displayName: billing.displayName,
    priceCents: billing.priceCents,
    currency: billing.currency,
    interval: billing.interval,
    limits: toLimits(limits),
  };
}

export function mapAdminPlan({ limits, billing }: PlanWithBilling): AdminPlan {
  return {
    plan: limits.plan,
    limits: toLimits(limits),
    displayName: billing?.displayName ?? null,
    stripeProductId: billing?.stripeProductId ?? null,
    stripePriceId: billing?.stripePriceId ?? null,
    priceCents: billing?.priceCents ?? null,
    currency: billing?.currency ?? null,
    interval: billing?.interval ?? null,
    public: billing?.public ?? null,
    archived: billing?.archived ?? null,
  };
}

export function mapSubscription(entitlements: AccountEntitlements): Subscription {
  return {
    plan: entitlements.plan,
    status: entitlements.status,
    trialEndsAt: entitlements.trialEndsAt?.toISOString() ?? null,
    currentPeriodEnd: entitlements.currentPeriodEnd?.toISOString() ?? null,
    cancelAtPeriodEnd: entitlements.cancelAtPeriodEnd,
    active: entitlements.active,
    hasStripeCustomer: entitlements.hasStripeCustomer,
    limits: entitlements.limits,
  };
}
