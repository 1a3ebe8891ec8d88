import type { SubscriptionStatus } from '@resolutionflow/contracts';
import { z } from 'zod';

/**
 * The few fields billing reads from Stripe webhook objects. Parsed rather than trusted: the shape
 * depends on the webhook endpoint's API version, so both the current and the older placements of
 * moved fields (period end, an invoice's subscription) are accepted.
 */
const expandableId = z
  .union([z.string().min(1), z.object({ id: z.string().min(1) })])
  .transform((value) => (typeof value === 'string' ? value : value.id));
const metadata = z.record(z.string(), z.string()).nullish();

export const stripeEventEnvelopeSchema = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  created: z.number().int(),
  data: z.object({ object: z.unknown() }),
});

export const checkoutSessionSchema = z.object({
  id: z.string(),
  mode: z.string(),
  client_reference_id: z.string().nullish(),
  customer: expandableId.nullish(),
  subscription: expandableId.nullish(),
  payment_status: z.string().nullish(),
  metadata,
});
export type CheckoutSessionPayload = z.output<typeof checkoutSessionSchema>;

export const subscriptionPayloadSchema = z.object({
  id: z.string(),
  customer: expandableId,
  status: z.string(),
  cancel_at_period_end: z.boolean().nullish(),
  trial_end: z.number().nullish(),
  /** Before API version 2025-03-31 the period lived on the subscription itself. */
  current_period_end: z.number().nullish(),
  metadata,
  items: z
    .object({
      data: z.array(z.object({ price: z.object({ id: z.string() }).nullish(), current_period_end: z.number().nullish() })),
    })
    .nullish(),
});
export type SubscriptionPayload = z.output<typeof subscriptionPayloadSchema>;

export const invoicePayloadSchema = z.object({
  id: z.string(),
  customer: expandableId.nullish(),
  amount_paid: z.number().nullish(),
  /** Older API versions. */
  subscription: expandableId.nullish(),
  parent: z.object({ subscription_details: z.object({ subscription: expandableId.nullish() }).nullish() }).nullish(),
});
export type InvoicePayload = z.output<typeof invoicePayloadSchema>;

export function invoiceSubscriptionId(invoice: InvoicePayload): string | null {
  return invoice.parent?.subscription_details?.subscription ?? invoice.subscription ?? null;
}

export function subscriptionPriceId(subscription: SubscriptionPayload): string | null {
  return subscription.items?.data[0]?.price?.id ?? null;
}

export function subscriptionPeriodEnd(subscription: SubscriptionPayload): Date | null {
  const seconds = subscription.items?.data[0]?.current_period_end ?? subscription.current_period_end ?? null;
  return seconds === null ? null : fromUnix(seconds);
}

export function fromUnix(seconds: number): Date {
  return new Date(seconds * 1000);
}

/**
 * Stripe's subscription status in ours. `null` leaves the current status alone: an `incomplete`
 * subscription is still waiting for its first payment and must not lock a running trial.
 */
export function statusFromStripe(status: string): SubscriptionStatus | null {
  switch (status) {
    case 'trialing':
    case 'active':
    case 'past_due':
    case 'canceled':
    case 'unpaid':
      return status;
    case 'incomplete_expired':
      return 'canceled';
    // A paused subscription (trial ended without a payment method) has no paid access.
    case 'paused':
      return 'unpaid';
    default:
      return null;
  }
}
