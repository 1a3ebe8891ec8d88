import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { PRIVILEGED_DATA_SOURCE } from '../../../apps/api/src/core/database/data-sources.js';
import { registerOwner } from '../../support/identity.js';
import { inParallel } from '../../support/openapi.js';
import { checkoutCompleted, deliver, invoiceEvent, StripeStandIn, subscriptionEvent, type StripeTestEvent } from '../../support/stripe-stand-in.js';
import { bootTestApp, type TestApp } from '../../support/test-app.js';

const STATUSES = ['active', 'past_due', 'trialing', 'active', 'past_due'] as const;
/** The newest subscription event: Stripe gives up on the payments, or the subscription is deleted. */
const ENDINGS = ['unpaid', 'canceled'] as const;
/** The subscription changes, the checkout completion and four invoices. */
const HISTORY_LENGTH = STATUSES.length + 1 + 1 + 4;

/**
 * What test/api/billing-webhook.e2e-spec.ts does not cover yet: whole histories of subscription
 * changes, mixed with the checkout and invoice events around them, delivered shuffled, duplicated
 * and concurrently, as Stripe's at-least-once, unordered delivery can. Whatever the arrival order,
 * the account ends in the state of the newest subscription event, and each event is in the ledger once.
 */
describe('Stripe webhooks delivered out of order, twice and at once', () => {
  const stripe = new StripeStandIn();
  let t: TestApp;
  let db: DataSource;
  let deliveries = 0;

  beforeAll(async () => {
    await stripe.start();
    t = await bootTestApp({ env: stripe.env() });
    db = t.app.get<DataSource>(PRIVILEGED_DATA_SOURCE);
    await db.query(`update plan_billing set stripe_price_id = 'price_pro_order' where plan = 'pro'`);
  });
  afterAll(async () => {
    await t.close();
    await stripe.stop();
  });

  it('converges on the newest event whatever the order, applying each event once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray([...Array(HISTORY_LENGTH).keys()], { minLength: HISTORY_LENGTH, maxLength: HISTORY_LENGTH }),
        fc.array(fc.integer({ min: 0, max: HISTORY_LENGTH - 1 }), { maxLength: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(...ENDINGS),
        async (order, duplicates, concurrency, ending) => {
          const owner = await registerOwner(t.http);
          const accountId = owner.user.account.id;
          expect((await t.http.post('/api/v1/billing/checkout-session', { plan: 'pro' }, { token: owner.token })).status).toBe(200);
          const [{ customer }] = await db.query(`select stripe_customer_id as customer from subscriptions where account_id = $1`, [accountId]);
          const subscription = `sub_order_${accountId.slice(0, 8)}`;
          const base = Math.floor(Date.now() / 1000) + 10_000;
          const end = base + 10 + STATUSES.length;
          const invoice = { subscription, customer };
          // Six subscription changes, one second apart; the last one is the truth. Around them the
          // checkout completion, invoices of the history, and a final invoice stamped with or after
          // the last change (a failed retry of an unpaid one; a canceled one's last invoice paid).
          const history: StripeTestEvent[] = [
            ...STATUSES.map((status, i) =>
              subscriptionEvent('updated', { id: subscription, customer, status, cancelAtPeriodEnd: i % 2 === 0 }, base + 10 + i),
            ),
            ending === 'unpaid'
              ? subscriptionEvent('updated', { id: subscription, customer, status: 'unpaid' }, end)
              : subscriptionEvent('deleted', { id: subscription, customer, status: 'canceled' }, end),
            checkoutCompleted({ accountId, customer, subscription }, base + 9),
            invoiceEvent('paid', invoice, base + 11),
            invoiceEvent('payment_failed', invoice, base + 13),
            invoiceEvent('payment_failed', invoice, end),
            ending === 'unpaid' ? invoiceEvent('payment_failed', invoice, end + 60) : invoiceEvent('paid', invoice, end + 60),
          ];
          const arrivals = [...order.map((i) => history[i]!), ...duplicates.map((i) => history[i]!)];
          const answers = await inParallel(arrivals, concurrency, (event) => deliver(t.http, event));
          deliveries += arrivals.length;
          expect(answers.map((a) => a.status).every((s) => s === 200)).toBe(true);

          const [row] = await db.query(
            `select status, cancel_at_period_end, stripe_subscription_id, stripe_subscription_event_at from subscriptions where account_id = $1`,
            [accountId],
          );
          expect(row).toEqual({ status: ending, cancel_at_period_end: false, stripe_subscription_id: subscription, stripe_subscription_event_at: new Date(end * 1000) });
          const ledger: { id: string; n: number }[] = await db.query(
            `select id, count(*)::int as n from stripe_events where id = any($1) group by id`,
            [history.map((e) => e.id)],
          );
          expect(ledger.map((l) => l.n)).toEqual(history.map(() => 1));
        },
      ),
      { numRuns: 8 },
    );
    console.log(`stripe webhooks: 8 shuffled histories, ${deliveries} deliveries (duplicates, up to 4 at once); every account converged, each event applied once`);
  }, 60_000);
});
