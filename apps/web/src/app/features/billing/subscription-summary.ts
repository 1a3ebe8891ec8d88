import type { SubscriptionSummary } from '@resolutionflow/contracts';

import { daysUntil, formatDate } from '../../shared/format/date-format';
import type { StatusTone } from '../../shared/status-pill/status-pill.component';

export interface SubscriptionView {
  /** "Pro", from the plan key. */
  readonly planName: string;
  /** Short state for a pill: "Trial", "Active", "Payment overdue"… */
  readonly status: string;
  readonly tone: StatusTone;
  /** One sentence about what it means now. */
  readonly detail: string;
  /** Whether Pro features are open, as the API decides it (trial before its end, active, past due in grace). */
  readonly open: boolean;
  /** Days of trial left, when trialing. */
  readonly trialDaysLeft: number | null;
}

export function planName(plan: string): string {
  if (!plan) return 'No plan';
  return plan
    .split(/[-_]/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/** "1 day", "12 days". */
export function dayCount(days: number): string {
  return `${days} day${days === 1 ? '' : 's'}`;
}

/** How a subscription reads to a person: a pill and a sentence, from the same rules the API applies. */
export function describeSubscription(subscription: SubscriptionSummary, now: Date = new Date()): SubscriptionView {
  const name = planName(subscription.plan);
  switch (subscription.status) {
    case 'trialing': {
      const left = daysUntil(subscription.trialEndsAt, now);
      if (left === null || left === 0) {
        return {
          planName: name,
          status: 'Trial ended',
          tone: 'danger',
          detail: `The ${name} trial ended${subscription.trialEndsAt ? ` on ${formatDate(subscription.trialEndsAt)}` : ''}. Choose a plan to keep using Pro features.`,
          open: false,
          trialDaysLeft: 0,
        };
      }
      return {
        planName: name,
        status: 'Trial',
        tone: left <= 3 ? 'warning' : 'ok',
        detail: `${dayCount(left)} left in the ${name} trial (ends ${formatDate(subscription.trialEndsAt)}).`,
        open: true,
        trialDaysLeft: left,
      };
    }
    case 'active':
      return { planName: name, status: 'Active', tone: 'ok', detail: `${name} is active.`, open: true, trialDaysLeft: null };
    case 'past_due':
      return {
        planName: name,
        status: 'Payment overdue',
        tone: 'warning',
        detail: 'The last payment failed. Update the card in the billing portal to keep access.',
        open: true,
        trialDaysLeft: null,
      };
    case 'canceled':
      return {
        planName: name,
        status: 'Canceled',
        tone: 'danger',
        detail: 'The subscription was canceled. Choose a plan to use Pro features again.',
        open: false,
        trialDaysLeft: null,
      };
    case 'unpaid':
      return {
        planName: name,
        status: 'Unpaid',
        tone: 'danger',
        detail: 'Payments failed and Pro features are paused. Update the card in the billing portal.',
        open: false,
        trialDaysLeft: null,
      };
    default:
      return {
        planName: name,
        status: 'No subscription',
        tone: 'neutral',
        detail: 'This account has no subscription. Choose a plan to use Pro features.',
        open: false,
        trialDaysLeft: null,
      };
  }
}

/** "$49.00 / month", in the plan's currency. */
export function formatPrice(priceCents: number, currency: string, interval: 'month' | 'year'): string {
  let amount: string;
  try {
    amount = new Intl.NumberFormat(undefined, { style: 'currency', currency: currency.toUpperCase() }).format(priceCents / 100);
  } catch {
    amount = `${(priceCents / 100).toFixed(2)} ${currency.toUpperCase()}`;
  }
  return `${amount} / ${interval}`;
}
