import { Controller, Get, Module } from '@nestjs/common';
import Stripe from 'stripe';
import type { DataSource } from 'typeorm';
import { PRIVILEGED_DATA_SOURCE } from '../../apps/api/src/core/database/data-sources.js';
import { BillingModule } from '../../apps/api/src/modules/billing/billing.module.js';
import { RequiresSubscription } from '../../apps/api/src/modules/billing/subscription.guard.js';
import { registerOwner, type SignedIn } from '../support/identity.js';
import {
  checkoutCompleted,
  deliver,
  invoiceEvent,
  stripeEvent,
  StripeStandIn,
  STRIPE_WEBHOOK_SECRET,
  subscriptionEvent,
  type SubscriptionFields,
} from '../support/stripe-stand-in.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { until } from '../support/until.js';

@Controller('probe')
class ProProbeController {
  @Get('pro')
  @RequiresSubscription()
  pro() {
    return { ok: true };
  }
}

@Module({ imports: [BillingModule], controllers: [ProProbeController] })
class ProProbeModule {}

interface Customer {
  who: SignedIn;
  accountId: string;
  customer: string;
}

describe('Stripe webhook', () => {
  const stripe = new StripeStandIn();
  let t: TestApp;
  let db: DataSource;

  const subscriptionOf = async (who: SignedIn) => (await t.http.get('/api/v1/billing/subscription', { token: who.token })).body;
  const rowOf = async (accountId: string) => (await db.query(`select * from subscriptions where account_id = $1`, [accountId]))[0];
  const ledger = async (eventId: string) => db.query(`select * from stripe_events where id = $1`, [eventId]);

  /** A new account that went through the real checkout, so its Stripe customer is stored. */
  async function checkedOut(): Promise<Customer> {
    const who = await registerOwner(t.http);
    const res = await t.http.post('/api/v1/billing/checkout-session', { plan: 'pro' }, { token: who.token });
    expect(res.status).toBe(200);
    const accountId = who.user.account.id;
    return { who, accountId, customer: (await rowOf(accountId)).stripe_customer_id };
  }

  /** A checked-out account whose Stripe subscription `sub` is active after checkout completion. */
  async function subscribed(sub: string): Promise<Customer> {
    const c = await checkedOut();
    expect((await deliver(t.http, checkoutCompleted({ accountId: c.accountId, customer: c.customer, subscription: sub }))).status).toBe(200);
    return c;
  }

  const sub = (c: Customer, id: string, fields: Partial<SubscriptionFields> = {}): SubscriptionFields => ({ id, customer: c.customer, status: 'active', ...fields });

  beforeAll(async () => {
    await stripe.start();
    t = await bootTestApp({ env: stripe.env(), extraModules: [ProProbeModule] });
    db = t.app.get(PRIVILEGED_DATA_SOURCE);
    await db.query(`update plan_billing set stripe_price_id = 'price_pro_test' where plan = 'pro'`);
    await db.query(`update plan_billing set stripe_price_id = 'price_team_test' where plan = 'team'`);
  });
  afterAll(async () => {
    await t.close();
    await stripe.stop();
  });

  it('activates the subscription on checkout completion and links the Stripe ids to the account', async () => {
    const a = await checkedOut();
    const bystander = await registerOwner(t.http);
    const bystanderBefore = await rowOf(bystander.user.account.id);

    const event = checkoutCompleted({ accountId: a.accountId, customer: a.customer, subscription: 'sub_checkout_1' });
    const res = await deliver(t.http, event);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: true });

    expect(await subscriptionOf(a.who)).toMatchObject({ plan: 'pro', status: 'active', active: true, trialEndsAt: null, hasStripeCustomer: true });
    expect(await rowOf(a.accountId)).toMatchObject({ stripe_customer_id: a.customer, stripe_subscription_id: 'sub_checkout_1' });
    expect(await ledger(event.id)).toEqual([expect.objectContaining({ type: 'checkout.session.completed', outcome: 'applied', account_id: a.accountId })]);
    expect(await rowOf(bystander.user.account.id)).toEqual(bystanderBefore);
  });

  it('applies a replayed event once: 200, one ledger row, nothing changed', async () => {
    const a = await subscribed('sub_replay');
    const failed = invoiceEvent('payment_failed', { subscription: 'sub_replay', customer: a.customer });
    expect((await deliver(t.http, failed)).status).toBe(200);
    expect((await subscriptionOf(a.who)).status).toBe('past_due');

    // The customer pays through another path; a redelivery of the old failure must not undo that.
    await db.query(`update subscriptions set status = 'active' where account_id = $1`, [a.accountId]);
    const before = await rowOf(a.accountId);
    const replay = await deliver(t.http, failed);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual({ received: true });
    expect(await rowOf(a.accountId)).toEqual(before);
    expect(await ledger(failed.id)).toHaveLength(1);
  });

  it('applies an event delivered several times at once exactly once', async () => {
    const a = await subscribed('sub_concurrent');
    const failed = invoiceEvent('payment_failed', { subscription: 'sub_concurrent', customer: a.customer });
    const answers = await Promise.all(Array.from({ length: 6 }, () => deliver(t.http, failed)));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(await ledger(failed.id)).toHaveLength(1);
    expect((await rowOf(a.accountId)).status).toBe('past_due');
  });

  it('refuses a bad, missing or foreign signature with 400 invalid_signature and changes nothing', async () => {
    const a = await subscribed('sub_signature');
    const before = await rowOf(a.accountId);
    const event = subscriptionEvent('deleted', sub(a, 'sub_signature', { status: 'canceled' }));

    expect(await deliver(t.http, event, 'whsec_someone_else')).toMatchObject({ status: 400, body: { error: 'invalid_signature' } });
    const unsigned = await t.http.post('/api/v1/billing/webhook', undefined, { rawBody: JSON.stringify(event), headers: { 'content-type': 'application/json' } });
    expect(unsigned).toMatchObject({ status: 400, body: { error: 'invalid_signature' } });
    // Same JSON, other bytes: the signature covers the exact body, not its meaning.
    const header = Stripe.webhooks.generateTestHeaderString({ payload: JSON.stringify(event), secret: STRIPE_WEBHOOK_SECRET });
    const reformatted = await t.http.post('/api/v1/billing/webhook', undefined, {
      rawBody: JSON.stringify(event, null, 2),
      headers: { 'content-type': 'application/json', 'stripe-signature': header },
    });
    expect(reformatted).toMatchObject({ status: 400, body: { error: 'invalid_signature' } });
    expect(await rowOf(a.accountId)).toEqual(before);
    expect(await ledger(event.id)).toHaveLength(0);

    expect((await deliver(t.http, event)).status).toBe(200);
    expect((await rowOf(a.accountId)).status).toBe('canceled');
  });

  it('mirrors subscription updates: plan from the price, period end, cancel at period end, trial end', async () => {
    const a = await subscribed('sub_mirror');
    const periodEnd = Math.floor(Date.now() / 1000) + 30 * 86_400;
    const update = subscriptionEvent('updated', sub(a, 'sub_mirror', { price: 'price_team_test', periodEnd, cancelAtPeriodEnd: true }));
    expect((await deliver(t.http, update)).status).toBe(200);
    expect(await subscriptionOf(a.who)).toMatchObject({
      plan: 'team',
      status: 'active',
      active: true,
      currentPeriodEnd: new Date(periodEnd * 1000).toISOString(),
      cancelAtPeriodEnd: true,
      limits: { seats: 50, standaloneScriptSessions: 5, proFeatures: true },
    });

    const trialEnd = Math.floor(Date.now() / 1000) + 7 * 86_400;
    await deliver(t.http, subscriptionEvent('updated', sub(a, 'sub_mirror', { status: 'trialing', price: 'price_pro_test', trialEnd })));
    expect(await subscriptionOf(a.who)).toMatchObject({ plan: 'pro', status: 'trialing', trialEndsAt: new Date(trialEnd * 1000).toISOString(), active: true });

    // A price no plan sells leaves the plan alone; the status still follows Stripe.
    await deliver(t.http, subscriptionEvent('updated', sub(a, 'sub_mirror', { status: 'unpaid', price: 'price_unknown' })));
    expect(await subscriptionOf(a.who)).toMatchObject({ plan: 'pro', status: 'unpaid', active: false });
  });

  it('drives the status through invoices: failed → past due (still open), paid → active', async () => {
    const a = await subscribed('sub_invoices');
    await deliver(t.http, invoiceEvent('payment_failed', { subscription: 'sub_invoices', customer: a.customer }));
    expect(await subscriptionOf(a.who)).toMatchObject({ status: 'past_due', active: true });
    expect((await t.http.get('/api/v1/probe/pro', { token: a.who.token })).status).toBe(200);
    await deliver(t.http, invoiceEvent('paid', { subscription: 'sub_invoices', customer: a.customer }));
    expect(await subscriptionOf(a.who)).toMatchObject({ status: 'active', active: true });
  });

  describe('a failed invoice', () => {
    it('keeps an unpaid subscription locked: the final failure in the same second, and a failed retry later', async () => {
      const a = await subscribed('sub_unpaid_final');
      const at = Math.floor(Date.now() / 1000) + 2_000;
      await deliver(t.http, subscriptionEvent('updated', sub(a, 'sub_unpaid_final', { status: 'unpaid' }), at));
      // Stripe's last retry fails, stamped the same second as the update that made the subscription unpaid.
      const finalFailure = invoiceEvent('payment_failed', { subscription: 'sub_unpaid_final', customer: a.customer }, at);
      expect((await deliver(t.http, finalFailure)).status).toBe(200);
      expect((await ledger(finalFailure.id))[0]).toMatchObject({ outcome: 'applied', account_id: a.accountId, stripe_subscription_id: 'sub_unpaid_final' });
      expect(await subscriptionOf(a.who)).toMatchObject({ status: 'unpaid', active: false });
      // The customer retries the open invoice with a card that fails again.
      await deliver(t.http, invoiceEvent('payment_failed', { subscription: 'sub_unpaid_final', customer: a.customer }, at + 3_600));
      expect(await subscriptionOf(a.who)).toMatchObject({ status: 'unpaid', active: false });
      const locked = await t.http.get('/api/v1/probe/pro', { token: a.who.token });
      expect(locked).toMatchObject({ status: 402, body: { error: 'subscription_required', details: { status: 'unpaid' } } });
      // Paying it is what reopens the account.
      await deliver(t.http, invoiceEvent('paid', { subscription: 'sub_unpaid_final', customer: a.customer }, at + 7_200));
      expect(await subscriptionOf(a.who)).toMatchObject({ status: 'active', active: true });
    });

    it('leaves a Stripe trial trialing, and turns an active subscription past due', async () => {
      const trial = await checkedOut();
      const trialEnd = Math.floor(Date.now() / 1000) + 7 * 86_400;
      await deliver(t.http, subscriptionEvent('created', sub(trial, 'sub_trial_fails', { status: 'trialing', trialEnd })));
      await deliver(t.http, invoiceEvent('payment_failed', { subscription: 'sub_trial_fails', customer: trial.customer }));
      expect(await subscriptionOf(trial.who)).toMatchObject({ status: 'trialing', active: true, trialEndsAt: new Date(trialEnd * 1000).toISOString() });

      const paying = await subscribed('sub_active_fails');
      await deliver(t.http, invoiceEvent('payment_failed', { subscription: 'sub_active_fails', customer: paying.customer }));
      expect(await subscriptionOf(paying.who)).toMatchObject({ status: 'past_due', active: true });
    });
  });

  describe('two Checkouts completed for one account', () => {
    it('keeps the first subscription linked, records the second as a duplicate, and ignores its events', async () => {
      const a = await subscribed('sub_first');
      const before = await rowOf(a.accountId);
      // Stripe announces the second subscription before its checkout completion.
      const created = subscriptionEvent('created', sub(a, 'sub_second', { price: 'price_team_test', metadata: { accountId: a.accountId } }));
      const completed = checkoutCompleted({ accountId: a.accountId, customer: a.customer, subscription: 'sub_second', plan: 'team' });
      const paid = invoiceEvent('paid', { subscription: 'sub_second', customer: a.customer });
      for (const event of [created, completed, paid]) {
        expect((await deliver(t.http, event)).status).toBe(200);
        expect((await ledger(event.id))[0]).toMatchObject({ outcome: 'duplicate_subscription', account_id: a.accountId, stripe_subscription_id: 'sub_second' });
      }
      expect(await rowOf(a.accountId)).toMatchObject({ stripe_subscription_id: 'sub_first', plan: 'pro', status: 'active' });
      expect((await rowOf(a.accountId)).stripe_subscription_event_at).toEqual(before.stripe_subscription_event_at);

      // The customer cancels the duplicate: the account keeps the first subscription and its access.
      const canceled = subscriptionEvent('deleted', sub(a, 'sub_second', { status: 'canceled' }));
      await deliver(t.http, canceled);
      expect((await ledger(canceled.id))[0]).toMatchObject({ outcome: 'duplicate_subscription', stripe_subscription_id: 'sub_second' });
      expect(await subscriptionOf(a.who)).toMatchObject({ plan: 'pro', status: 'active', active: true });
      expect((await t.http.get('/api/v1/probe/pro', { token: a.who.token })).status).toBe(200);

      // The first one still drives the account, and once it ends a new subscription links as usual.
      await deliver(t.http, invoiceEvent('payment_failed', { subscription: 'sub_first', customer: a.customer }));
      expect((await rowOf(a.accountId)).status).toBe('past_due');
      await deliver(t.http, subscriptionEvent('deleted', sub(a, 'sub_first', { status: 'canceled' })));
      expect((await rowOf(a.accountId)).status).toBe('canceled');
      const again = checkoutCompleted({ accountId: a.accountId, customer: a.customer, subscription: 'sub_third' });
      await deliver(t.http, again);
      expect((await ledger(again.id))[0]).toMatchObject({ outcome: 'applied' });
      expect(await rowOf(a.accountId)).toMatchObject({ stripe_subscription_id: 'sub_third', status: 'active' });
    });

    it("records an ended old subscription's last event as stale, not as a duplicate", async () => {
      const a = await subscribed('sub_current');
      const late = subscriptionEvent('deleted', sub(a, 'sub_long_gone', { status: 'canceled' }));
      await deliver(t.http, late);
      expect((await ledger(late.id))[0]).toMatchObject({ outcome: 'stale', stripe_subscription_id: 'sub_long_gone' });
      expect(await rowOf(a.accountId)).toMatchObject({ stripe_subscription_id: 'sub_current', status: 'active' });
    });
  });

  it('orders subscription events among themselves only: a deletion delivered after a later invoice still cancels', async () => {
    const a = await subscribed('sub_deleted_after_invoice');
    const base = Math.floor(Date.now() / 1000) + 3_000;
    await deliver(t.http, subscriptionEvent('updated', sub(a, 'sub_deleted_after_invoice'), base));
    const deleted = subscriptionEvent('deleted', sub(a, 'sub_deleted_after_invoice', { status: 'canceled' }), base + 10);
    const paid = invoiceEvent('paid', { subscription: 'sub_deleted_after_invoice', customer: a.customer }, base + 20);
    const replayedCheckout = checkoutCompleted({ accountId: a.accountId, customer: a.customer, subscription: 'sub_deleted_after_invoice' }, base + 30);
    for (const event of [paid, replayedCheckout]) {
      await deliver(t.http, event);
      expect((await ledger(event.id))[0]).toMatchObject({ outcome: 'applied' });
    }
    expect((await rowOf(a.accountId)).stripe_subscription_event_at).toEqual(new Date(base * 1000));
    await deliver(t.http, deleted);
    expect((await ledger(deleted.id))[0]).toMatchObject({ outcome: 'applied' });
    expect(await subscriptionOf(a.who)).toMatchObject({ status: 'canceled', active: false });
    expect((await t.http.get('/api/v1/probe/pro', { token: a.who.token })).status).toBe(402);
  });

  it('locks Pro features when the subscription is deleted', async () => {
    const a = await subscribed('sub_deleted');
    expect((await t.http.get('/api/v1/probe/pro', { token: a.who.token })).status).toBe(200);
    await deliver(t.http, subscriptionEvent('deleted', sub(a, 'sub_deleted', { status: 'canceled' })));
    expect(await subscriptionOf(a.who)).toMatchObject({ status: 'canceled', active: false, limits: { proFeatures: false } });
    const locked = await t.http.get('/api/v1/probe/pro', { token: a.who.token });
    expect(locked).toMatchObject({ status: 402, body: { error: 'subscription_required', details: { plan: 'pro', status: 'canceled' } } });
    // A late payment of the last invoice does not reopen a canceled subscription.
    await deliver(t.http, invoiceEvent('paid', { subscription: 'sub_deleted', customer: a.customer }));
    expect((await subscriptionOf(a.who)).status).toBe('canceled');
  });

  it('ignores an update older than the last one applied', async () => {
    const a = await subscribed('sub_order');
    const base = Math.floor(Date.now() / 1000) + 1_000;
    const newer = subscriptionEvent('updated', sub(a, 'sub_order', { status: 'active', cancelAtPeriodEnd: true }), base + 60);
    const older = subscriptionEvent('updated', sub(a, 'sub_order', { status: 'past_due' }), base + 30);
    expect((await deliver(t.http, newer)).status).toBe(200);
    const applied = await rowOf(a.accountId);
    expect((await deliver(t.http, older)).status).toBe(200);
    expect(await rowOf(a.accountId)).toEqual(applied);
    expect(await subscriptionOf(a.who)).toMatchObject({ status: 'active', cancelAtPeriodEnd: true });
    expect((await ledger(older.id))[0]).toMatchObject({ outcome: 'stale', account_id: a.accountId });
    const lateInvoice = invoiceEvent('payment_failed', { subscription: 'sub_order', customer: a.customer }, base + 10);
    await deliver(t.http, lateInvoice);
    expect((await rowOf(a.accountId)).status).toBe('active');
  });

  it('records unknown event types and changes nothing', async () => {
    const a = await subscribed('sub_unknown_type');
    const before = await rowOf(a.accountId);
    const event = stripeEvent('customer.updated', { id: a.customer, object: 'customer', metadata: { accountId: a.accountId } });
    expect(await deliver(t.http, event)).toMatchObject({ status: 200, body: { received: true } });
    expect((await ledger(event.id))[0]).toMatchObject({ type: 'customer.updated', outcome: 'unhandled', account_id: null });
    expect(await rowOf(a.accountId)).toEqual(before);
  });

  describe('across accounts', () => {
    it("never lets an event about account A's customer change account B", async () => {
      const a = await subscribed('sub_owner_a');
      const b = await checkedOut();
      const bBefore = await rowOf(b.accountId);

      // B's id as the checkout reference, but A's customer: refused.
      const crossed = checkoutCompleted({ accountId: b.accountId, customer: a.customer, subscription: 'sub_crossed' });
      expect((await deliver(t.http, crossed)).status).toBe(200);
      expect((await ledger(crossed.id))[0]).toMatchObject({ outcome: 'unmatched' });

      // Nor may an account that never checked out adopt A's customer or subscription.
      const c = await registerOwner(t.http);
      const cBefore = await rowOf(c.user.account.id);
      const adopted = checkoutCompleted({ accountId: c.user.account.id, customer: a.customer, subscription: 'sub_owner_a' });
      expect((await deliver(t.http, adopted)).status).toBe(200);
      expect((await ledger(adopted.id))[0]).toMatchObject({ outcome: 'unmatched' });
      expect(await rowOf(c.user.account.id)).toEqual(cBefore);

      // A subscription event naming B in its metadata but carrying A's customer reaches A only.
      const update = subscriptionEvent('updated', sub(a, 'sub_owner_a', { status: 'past_due', metadata: { accountId: b.accountId } }));
      await deliver(t.http, update);
      expect((await ledger(update.id))[0]).toMatchObject({ outcome: 'applied', account_id: a.accountId });
      expect((await rowOf(a.accountId)).status).toBe('past_due');

      // An invoice of A's subscription reaches A only.
      await deliver(t.http, invoiceEvent('paid', { subscription: 'sub_owner_a', customer: a.customer }));
      expect((await rowOf(a.accountId)).status).toBe('active');
      expect(await rowOf(b.accountId)).toEqual(bBefore);
      expect((await subscriptionOf(b.who)).status).toBe('trialing');
    });

    it('answers 200 for events no account can be tied to, recording them as unmatched', async () => {
      const stranger = subscriptionEvent('updated', { id: 'sub_stranger', customer: 'cus_stranger', status: 'active' });
      expect((await deliver(t.http, stranger)).status).toBe(200);
      expect((await ledger(stranger.id))[0]).toMatchObject({ outcome: 'unmatched', account_id: null });
      const ghost = checkoutCompleted({ accountId: '00000000-0000-4000-8000-000000000000', customer: 'cus_ghost', subscription: 'sub_ghost' });
      expect((await deliver(t.http, ghost)).status).toBe(200);
      expect((await ledger(ghost.id))[0]).toMatchObject({ outcome: 'unmatched' });
      expect(await db.query(`select 1 from subscriptions where stripe_customer_id in ('cus_stranger', 'cus_ghost')`)).toEqual([]);
    });
  });

  it('refreshes cached entitlements on every API process when a webhook changes them', async () => {
    const second = await bootTestApp({ shareDatabaseWith: t, env: stripe.env() });
    try {
      const a = await subscribed('sub_two_processes');
      const read = async (app: TestApp) => (await app.http.get('/api/v1/billing/subscription', { token: a.who.token })).body;
      expect(await read(second)).toMatchObject({ status: 'active', active: true });
      await deliver(t.http, subscriptionEvent('deleted', sub(a, 'sub_two_processes', { status: 'canceled' })));
      expect(await read(t)).toMatchObject({ status: 'canceled', active: false });
      expect(await until(() => read(second), (s) => s.status === 'canceled')).toMatchObject({ status: 'canceled', active: false });
    } finally {
      await second.close();
    }
  });
});
