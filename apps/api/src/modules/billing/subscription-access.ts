import type { SubscriptionStatus } from '@resolutionflow/contracts';

export interface SubscriptionState {
  plan: string;
  status: SubscriptionStatus;
  trialEndsAt: Date | null;
}

/**
 * Whether Pro features are open. A trial counts until its end date even before Stripe says
 * so; `past_due` keeps access while Stripe retries the payment; everything else is locked.
 */
export function hasProAccess(state: SubscriptionState | null, now: Date = new Date()): boolean {
  if (!state) return false;
  switch (state.status) {
    case 'active':
    case 'past_due':
      return true;
    case 'trialing':
      return state.trialEndsAt !== null && state.trialEndsAt.getTime() > now.getTime();
    default:
      return false;
  }
}
