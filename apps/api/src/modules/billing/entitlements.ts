import type { PlanLimits, SubscriptionStatus } from '@resolutionflow/contracts';
import { hasProAccess } from './subscription-access.js';

export const FREE_PLAN = 'free';

/** What an account gets when even the free plan's row is missing: nothing beyond its own seat. */
export const LOCKED_LIMITS: PlanLimits = { seats: 1, monthlySessions: 0, standaloneScriptSessions: 0, proFeatures: false };

export interface SubscriptionSnapshot {
  plan: string;
  status: SubscriptionStatus;
  trialEndsAt: Date | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  hasStripeCustomer: boolean;
}

/** What the cache holds: stored facts only, so time-based rules (trial end) are judged on every read. */
export interface EntitlementsSnapshot {
  subscription: SubscriptionSnapshot | null;
  /** Limits of the subscribed plan (the free plan's when there is no subscription). */
  planLimits: PlanLimits | null;
  freeLimits: PlanLimits | null;
}

export interface AccountEntitlements extends SubscriptionSnapshot {
  /** Pro features open right now: the plan has them and the subscription is in good standing. */
  active: boolean;
  /** What the account may use now: its plan's limits while active, the free plan's once locked. */
  limits: PlanLimits;
}

export function entitlementsAt(snapshot: EntitlementsSnapshot, now: Date = new Date()): AccountEntitlements {
  const subscription: SubscriptionSnapshot = snapshot.subscription ?? {
    plan: FREE_PLAN,
    status: 'none',
    trialEndsAt: null,
    currentPeriodEnd: null,
    cancelAtPeriodEnd: false,
    hasStripeCustomer: false,
  };
  const planLimits = snapshot.planLimits ?? LOCKED_LIMITS;
  const active = planLimits.proFeatures && hasProAccess(snapshot.subscription, now);
  const limits = active || !planLimits.proFeatures ? planLimits : (snapshot.freeLimits ?? LOCKED_LIMITS);
  return { ...subscription, active, limits };
}
