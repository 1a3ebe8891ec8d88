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

/**
 * Whether a linked Stripe subscription still charges the customer. Stripe keeps an `unpaid` one
 * (and its open invoice) until it is canceled, so it counts: a second subscription beside any of
 * these would charge twice.
 */
export function stillBills(state: { status: SubscriptionStatus; stripeSubscriptionId: string | null }): boolean {
  return state.stripeSubscriptionId !== null && ['trialing', 'active', 'past_due', 'unpaid'].includes(state.status);
}

/**
 * The status an invoice event moves a subscription to, or null to leave it. An invoice carries no
 * subscription state, so its effects are narrow and never lock or unlock by themselves beyond this:
 * a failed payment only turns `active` into `past_due` (an `unpaid`, trialing or free row follows
 * the `customer.subscription.*` events, so a late or retried failure cannot reopen a locked
 * account); a payment of real money makes anything but a canceled subscription active (the zero
 * invoice that opens a Stripe trial is "paid" too; a canceled subscription's last invoice settles
 * a debt and reopens nothing).
 */
export function statusAfterInvoice(
  status: SubscriptionStatus,
  invoice: { kind: 'paid' | 'payment_failed'; amountPaid: number },
): SubscriptionStatus | null {
  if (invoice.kind === 'payment_failed') return status === 'active' ? 'past_due' : null;
  return invoice.amountPaid > 0 && status !== 'canceled' ? 'active' : null;
}
