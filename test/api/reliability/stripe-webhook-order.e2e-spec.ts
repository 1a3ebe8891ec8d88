import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { PRIVILEGED_DATA_SOURCE } from '../../../apps/api/src/core/database/data-sources.js';
import { registerOwner } from '../../support/identity.js';
import { inParallel } from '../../support/openapi.js';
import { checkoutCompleted, deliver, StripeStandIn, subscriptionEvent, type StripeTestEvent } from '../../support/stripe-stand-in.js';
import { bootTestApp, type TestApp } from '../../support/test-app.js';

const STATUSES = ['active', 'past_due', 'unpaid', 'trialing', 'active', 'past_due'] as const;

/**
 * What test/api/billing-webhook.e2e-spec.ts does not cover yet: whole histories of subscription
 * changes delivered shuffled, duplicated and concurrently, as Stripe's at-least-once, unordered
 * delivery can. Whatever the arrival order, the account ends in the state of the newest event,
 * and each event is in the ledger once.
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
        fc.shuffledSubarray([0, 1, 2, 3, 4, 5], { minLength: 6, maxLength: 6 }),
        fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 4 }),
        fc.integer({ min: 1, max: 4 }),
        async (order, duplicates, concurrency) => {
          const owner = await registerOwner(t.http);
          const accountId = owner.user.account.id;
          expect((await t.http.post('/api/v1/billing/checkout-session', { plan: 'pro' }, { token: owner.token })).status).toBe(200);
          const [{ customer }] = await db.query(`select stripe_customer_id as customer from subscriptions where account_id = $1`, [accountId]);
          const subscription = `sub_order_${accountId.slice(0, 8)}`;
          const base = Math.floor(Date.now() / 1000) + 10_000;
          expect((await deliver(t.http, checkoutCompleted({ accountId, customer, subscription }, base))).status).toBe(200);
          // A history of six changes, one second apart; the last one is the truth.
          const history: StripeTestEvent[] = STATUSES.map((status, i) =>
            subscriptionEvent('updated', { id: subscription, customer, status, cancelAtPeriodEnd: i % 2 === 0 }, base + 10 + i),
          );
          const arrivals = [...order.map((i) => history[i]!), ...duplicates.map((i) => history[i]!)];
          const answers = await inParallel(arrivals, concurrency, (event) => deliver(t.http, event));
          deliveries += arrivals.length;
          expect(answers.map((a) => a.status).every((s) => s === 200)).toBe(true);

          const [row] = await db.query(`select status, cancel_at_period_end from subscriptions where account_id = $1`, [accountId]);
          expect(row).toEqual({ status: STATUSES.at(-1), cancel_at_period_end: false });
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
