import {
  invoicePayloadSchema,
  invoiceSubscriptionId,
  statusFromStripe,
  subscriptionPayloadSchema,
  subscriptionPeriodEnd,
  subscriptionPriceId,
} from './stripe-payloads.js';

describe('Stripe webhook payloads', () => {
  it('reads price and period end from the first item, falling back to the older subscription field', () => {
    const current = subscriptionPayloadSchema.parse({
      id: 'sub_1',
      customer: 'cus_1',
      status: 'active',
      items: { data: [{ price: { id: 'price_pro' }, current_period_end: 1_780_000_000 }] },
    });
    expect(subscriptionPriceId(current)).toBe('price_pro');
    expect(subscriptionPeriodEnd(current)).toEqual(new Date(1_780_000_000_000));

    const older = subscriptionPayloadSchema.parse({ id: 'sub_1', customer: { id: 'cus_1' }, status: 'active', current_period_end: 1_700_000_000 });
    expect(older.customer).toBe('cus_1');
    expect(subscriptionPriceId(older)).toBeNull();
    expect(subscriptionPeriodEnd(older)).toEqual(new Date(1_700_000_000_000));
  });

  it("finds an invoice's subscription in its parent or, on older versions, at the top", () => {
    expect(invoiceSubscriptionId(invoicePayloadSchema.parse({ id: 'in_1', parent: { subscription_details: { subscription: 'sub_1' } } }))).toBe('sub_1');
    expect(invoiceSubscriptionId(invoicePayloadSchema.parse({ id: 'in_1', subscription: { id: 'sub_2' } }))).toBe('sub_2');
    expect(invoiceSubscriptionId(invoicePayloadSchema.parse({ id: 'in_1', parent: null }))).toBeNull();
  });

  it('maps Stripe statuses onto ours, leaving incomplete ones alone', () => {
    expect(statusFromStripe('active')).toBe('active');
    expect(statusFromStripe('trialing')).toBe('trialing');
    expect(statusFromStripe('past_due')).toBe('past_due');
    expect(statusFromStripe('unpaid')).toBe('unpaid');
    expect(statusFromStripe('canceled')).toBe('canceled');
    expect(statusFromStripe('incomplete_expired')).toBe('canceled');
    expect(statusFromStripe('paused')).toBe('unpaid');
    expect(statusFromStripe('incomplete')).toBeNull();
    expect(statusFromStripe('something_new')).toBeNull();
  });
});
