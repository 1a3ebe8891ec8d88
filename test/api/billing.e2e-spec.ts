import { Controller, Get, Module } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { PRIVILEGED_DATA_SOURCE } from '../../apps/api/src/core/database/data-sources.js';
import { BillingModule } from '../../apps/api/src/modules/billing/billing.module.js';
import { RequiresSubscription } from '../../apps/api/src/modules/billing/subscription.guard.js';
import { registerOwner, type SignedIn } from '../support/identity.js';
import { checkoutCompleted, deliver, StripeStandIn, STRIPE_TEST_KEY, subscriptionEvent } from '../support/stripe-stand-in.js';
import { addTeammate } from '../support/team.js';
import { until } from '../support/until.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

/** Stands in for a Pro feature (sessions and the like are other modules). */
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

const PRO_LIMITS = { seats: 10, monthlySessions: null, standaloneScriptSessions: 5, proFeatures: true };
const FREE_LIMITS = { seats: 1, monthlySessions: 0, standaloneScriptSessions: 0, proFeatures: false };

describe('billing', () => {
  const stripe = new StripeStandIn();
  let t: TestApp;
  let db: DataSource;
  let owner: SignedIn;

  const get = (path: string, who: SignedIn | undefined = owner) => t.http.get(`/api/v1${path}`, { token: who?.token });
  const checkout = (plan: unknown, who: SignedIn = owner) => t.http.post('/api/v1/billing/checkout-session', { plan }, { token: who.token });
  const setProPrice = (price: string | null) => db.query(`update plan_billing set stripe_price_id = $1 where plan = 'pro'`, [price]);
  // Direct database edits bypass the services, so they announce themselves the way the services do.
  const forgetEntitlements = (accountId: string) => db.query(`select pg_notify('rf_entitlements', $1)`, [accountId]);

  beforeAll(async () => {
    await stripe.start();
    t = await bootTestApp({ env: stripe.env(), extraModules: [ProProbeModule] });
    db = t.app.get(PRIVILEGED_DATA_SOURCE);
    owner = await registerOwner(t.http);
  });
  afterAll(async () => {
    await t.close();
    await stripe.stop();
  });
  afterEach(async () => {
    await stripe.setFault('none');
  });

  describe('GET /billing/plans', () => {
    it('lists public, non-archived plans with their limits to anyone', async () => {
      const res = await t.http.get('/api/v1/billing/plans');
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([
        { plan: 'free', displayName: 'Free', priceCents: 0, currency: 'usd', interval: 'month', limits: FREE_LIMITS },
        { plan: 'pro', displayName: 'Pro', priceCents: 4900, currency: 'usd', interval: 'month', limits: PRO_LIMITS },
      ]);
    });

    it('leaves out archived plans', async () => {
      await db.query(`update plan_billing set archived = true where plan = 'free'`);
      try {
        const res = await t.http.get('/api/v1/billing/plans');
        expect(res.body.items.map((p: { plan: string }) => p.plan)).toEqual(['pro']);
      } finally {
        await db.query(`update plan_billing set archived = false where plan = 'free'`);
      }
    });
  });

  describe('GET /billing/subscription', () => {
    it("answers a new account's Pro trial with its limits, to every member", async () => {
      const res = await get('/billing/subscription');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        plan: 'pro',
        status: 'trialing',
        trialEndsAt: expect.any(String),
        currentPeriodEnd: null,
        cancelAtPeriodEnd: false,
        active: true,
        hasStripeCustomer: false,
        limits: PRO_LIMITS,
      });
      expect(new Date(res.body.trialEndsAt).getTime()).toBeGreaterThan(Date.now() + 13 * 86_400_000);
      const viewer = await addTeammate(t.http, owner.token, 'viewer');
      expect((await get('/billing/subscription', viewer)).body).toEqual(res.body);
    });

    it('needs a signed-in caller', async () => {
      expect((await t.http.get('/api/v1/billing/subscription')).status).toBe(401);
    });
  });

  describe('POST /billing/checkout-session', () => {
    it('refuses unknown, non-public and malformed plans', async () => {
      expect(await checkout('enterprise')).toMatchObject({ status: 400, body: { error: 'unknown_plan' } });
      expect(await checkout('team')).toMatchObject({ status: 400, body: { error: 'unknown_plan' } });
      expect(await checkout('Not A Plan!')).toMatchObject({ status: 400, body: { error: 'validation_failed' } });
      expect(stripe.requests).toHaveLength(0);
    });

    it('answers 409 plan_not_purchasable for a plan without a Stripe price', async () => {
      await setProPrice(null);
      expect(await checkout('pro')).toMatchObject({ status: 409, body: { error: 'plan_not_purchasable' } });
      expect(await checkout('free')).toMatchObject({ status: 409, body: { error: 'plan_not_purchasable' } });
    });

    it('is for owners and admins only', async () => {
      await setProPrice('price_pro_test');
      const engineer = await addTeammate(t.http, owner.token, 'engineer');
      expect(await checkout('pro', engineer)).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    });

    it('creates the Stripe customer once and a subscription Checkout for the plan price', async () => {
      await setProPrice('price_pro_test');
      const accountId = owner.user.account.id;
      const res = await checkout('pro');
      expect(res.status).toBe(200);
      expect(res.body.url).toMatch(/^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_test_/);

      const [customerCall] = stripe.calls('POST', '/v1/customers');
      expect(customerCall!.headers.authorization).toBe(`Bearer ${STRIPE_TEST_KEY}`);
      expect(customerCall!.headers['idempotency-key']).toBe(`rf-customer-${accountId}`);
      expect(customerCall!.body).toMatchObject({ email: owner.email, 'metadata[accountId]': accountId });
      const [sessionCall] = stripe.calls('POST', '/v1/checkout/sessions');
      const [customerRow] = await db.query(`select stripe_customer_id from subscriptions where account_id = $1`, [accountId]);
      expect(sessionCall!.body).toMatchObject({
        mode: 'subscription',
        customer: customerRow.stripe_customer_id,
        client_reference_id: accountId,
        'line_items[0][price]': 'price_pro_test',
        'line_items[0][quantity]': '1',
        success_url: 'http://localhost:4200/billing?checkout=success',
        cancel_url: 'http://localhost:4200/billing?checkout=canceled',
        'metadata[accountId]': accountId,
        'subscription_data[metadata][accountId]': accountId,
      });
      expect((await get('/billing/subscription')).body.hasStripeCustomer).toBe(true);

      expect((await checkout('pro')).status).toBe(200);
      expect(stripe.calls('POST', '/v1/customers')).toHaveLength(1);
      const sessions = stripe.calls('POST', '/v1/checkout/sessions');
      expect(sessions).toHaveLength(2);
      expect((sessions[1]!.body as Record<string, string>).customer).toBe(customerRow.stripe_customer_id);
    });

    describe('one payable Checkout per account', () => {
      const sessionOf = (res: { body: { url: string } }) => res.body.url.split('/').at(-1)!;
      const storedSession = async (accountId: string) =>
        (await db.query(`select stripe_checkout_session_id from subscriptions where account_id = $1`, [accountId]))[0].stripe_checkout_session_id;

      it('expires the previous open Checkout when a new one starts, also when two start at once', async () => {
        await setProPrice('price_pro_test');
        const admin = await registerOwner(t.http);
        const first = sessionOf(await checkout('pro', admin));
        expect(await storedSession(admin.user.account.id)).toBe(first);
        const second = sessionOf(await checkout('pro', admin));
        expect(stripe.session(first)!.status).toBe('expired');
        expect(stripe.session(second)!.status).toBe('open');
        expect(await storedSession(admin.user.account.id)).toBe(second);

        // Two tabs at once: both get a page, only one of all the sessions can still be paid.
        const both = await Promise.all([checkout('pro', admin), checkout('pro', admin)]);
        expect(both.map((r) => r.status)).toEqual([200, 200]);
        const open = [first, second, ...both.map(sessionOf)].filter((id) => stripe.session(id)!.status === 'open');
        expect(open).toEqual([await storedSession(admin.user.account.id)]);
      });

      it('refuses a new Checkout while a paid one awaits its webhook, and allows one after that subscription ended', async () => {
        await setProPrice('price_pro_test');
        const admin = await registerOwner(t.http);
        const accountId = admin.user.account.id;
        const paid = sessionOf(await checkout('pro', admin));
        stripe.completeSession(paid, 'sub_paid_in_other_tab');
        expect(await checkout('pro', admin)).toMatchObject({ status: 409, body: { error: 'already_subscribed' } });
        expect(stripe.calls('POST', '/v1/checkout/sessions').filter((c) => (c.body as Record<string, string>).client_reference_id === accountId)).toHaveLength(1);

        const [{ customer }] = await db.query(`select stripe_customer_id as customer from subscriptions where account_id = $1`, [accountId]);
        await deliver(t.http, checkoutCompleted({ accountId, customer, subscription: 'sub_paid_in_other_tab', session: paid }));
        expect(await storedSession(accountId)).toBeNull();
        expect(await checkout('pro', admin)).toMatchObject({ status: 409, body: { error: 'already_subscribed' } });
        await deliver(t.http, subscriptionEvent('deleted', { id: 'sub_paid_in_other_tab', customer, status: 'canceled' }));
        expect((await checkout('pro', admin)).status).toBe(200);
      });

      it('starts a Checkout when Stripe no longer knows the stored one', async () => {
        await setProPrice('price_pro_test');
        const admin = await registerOwner(t.http);
        expect((await checkout('pro', admin)).status).toBe(200);
        await db.query(`update subscriptions set stripe_checkout_session_id = 'cs_test_from_another_mode' where account_id = $1`, [admin.user.account.id]);
        const res = await checkout('pro', admin);
        expect(res.status).toBe(200);
        expect(await storedSession(admin.user.account.id)).toBe(sessionOf(res));
      });
    });

    it('refuses a second subscription while a linked one still bills', async () => {
      const other = await registerOwner(t.http);
      expect((await checkout('pro', other)).status).toBe(200);
      await db.query(`update subscriptions set stripe_subscription_id = 'sub_existing', status = 'active' where account_id = $1`, [other.user.account.id]);
      expect(await checkout('pro', other)).toMatchObject({ status: 409, body: { error: 'already_subscribed' } });
    });

    it('answers 502 stripe_unavailable, never a 500, when Stripe fails, hangs or is unreachable', async () => {
      await setProPrice('price_pro_test');
      const fresh = await registerOwner(t.http);
      for (const fault of ['error', 'hang', 'refuse'] as const) {
        await stripe.setFault(fault);
        expect(await checkout('pro', fresh)).toMatchObject({ status: 502, body: { error: 'stripe_unavailable' } });
      }
      await stripe.setFault('none');
      // The customer made before a failing Checkout call is kept, so the retry reuses it.
      const before = stripe.calls('POST', '/v1/customers').length;
      expect((await checkout('pro', fresh)).status).toBe(200);
      expect(stripe.calls('POST', '/v1/customers').length - before).toBeLessThanOrEqual(1);
    });
  });

  describe('GET /billing/portal-session', () => {
    it('answers 400 no_stripe_customer for an account that never checked out', async () => {
      const newcomer = await registerOwner(t.http);
      expect(await get('/billing/portal-session', newcomer)).toMatchObject({ status: 400, body: { error: 'no_stripe_customer' } });
    });

    it("opens the Customer Portal for the account's customer, returning to the billing page", async () => {
      const customer = await registerOwner(t.http);
      await setProPrice('price_pro_test');
      expect((await checkout('pro', customer)).status).toBe(200);
      const [row] = await db.query(`select stripe_customer_id from subscriptions where account_id = $1`, [customer.user.account.id]);
      const res = await get('/billing/portal-session', customer);
      expect(res.status).toBe(200);
      expect(res.body.url).toMatch(/^https:\/\/billing\.stripe\.test\/p\/session\/bps_/);
      const call = stripe.calls('POST', '/v1/billing_portal/sessions').at(-1)!;
      expect(call.body).toEqual({ customer: row.stripe_customer_id, return_url: 'http://localhost:4200/billing' });

      const engineer = await addTeammate(t.http, customer.token, 'engineer');
      expect((await get('/billing/portal-session', engineer)).status).toBe(403);
      await stripe.setFault('error');
      expect(await get('/billing/portal-session', customer)).toMatchObject({ status: 502, body: { error: 'stripe_unavailable' } });
    });
  });

  describe('trial expiry', () => {
    it('locks Pro features with 402 once the trial has ended, while billing, /auth/me and plans still answer', async () => {
      const lapsing = await registerOwner(t.http);
      const accountId = lapsing.user.account.id;
      expect((await get('/probe/pro', lapsing)).status).toBe(200);

      const ended = new Date(Date.now() - 60_000);
      await db.query(`update subscriptions set trial_ends_at = $2 where account_id = $1`, [accountId, ended]);
      await forgetEntitlements(accountId);
      const locked = await until(() => get('/probe/pro', lapsing), (res) => res.status !== 200);
      expect(locked.status).toBe(402);
      expect(locked.body).toMatchObject({
        error: 'subscription_required',
        details: { plan: 'pro', status: 'trialing', trialEndsAt: ended.toISOString() },
      });

      const subscription = await get('/billing/subscription', lapsing);
      expect(subscription.status).toBe(200);
      expect(subscription.body).toMatchObject({ plan: 'pro', status: 'trialing', active: false, limits: FREE_LIMITS });
      expect((await get('/auth/me', lapsing)).status).toBe(200);
      expect((await t.http.get('/api/v1/billing/plans')).status).toBe(200);
      await setProPrice('price_pro_test');
      expect((await checkout('pro', lapsing)).status).toBe(200);
    });

    it('locks an account without any subscription', async () => {
      const bare = await registerOwner(t.http);
      await db.query(`delete from subscriptions where account_id = $1`, [bare.user.account.id]);
      await forgetEntitlements(bare.user.account.id);
      const res = await until(() => get('/probe/pro', bare), (r) => r.status !== 200);
      expect(res.status).toBe(402);
      expect(res.body.details).toEqual({ plan: 'free', status: 'none', trialEndsAt: null });
    });
  });

  it('documents every billing route with its error codes', async () => {
    const doc = (await t.http.get('/api/docs-json')).body;
    const checkoutDoc = doc.paths['/api/v1/billing/checkout-session'].post;
    expect(checkoutDoc.tags).toEqual(['billing']);
    expect(checkoutDoc.requestBody).toBeDefined();
    expect(checkoutDoc.responses['400'].description).toContain('unknown_plan');
    expect(checkoutDoc.responses['409'].description).toContain('plan_not_purchasable');
    expect(checkoutDoc.responses['502'].description).toContain('stripe_unavailable');
    expect(checkoutDoc.responses['503'].description).toContain('stripe_not_configured');
    expect(doc.paths['/api/v1/billing/portal-session'].get.responses['400'].description).toContain('no_stripe_customer');
    expect(doc.paths['/api/v1/billing/webhook'].post.responses['400'].description).toContain('invalid_signature');
    expect(doc.paths['/api/v1/billing/subscription'].get.responses['200']).toBeDefined();
    expect(doc.paths['/api/v1/billing/plans'].get.responses['200']).toBeDefined();
    expect(doc.paths['/api/v1/admin/plan-limits/{plan}'].put.responses['404'].description).toContain('unknown_plan');
  });

  describe('without Stripe configured, for an unverified user past the grace period', () => {
    let bare: TestApp;
    beforeAll(async () => {
      bare = await bootTestApp({ shareDatabaseWith: t, env: { EMAIL_VERIFICATION_GRACE_HOURS: '0' }, extraModules: [ProProbeModule] });
    });
    afterAll(() => bare.close());

    it('answers 503 stripe_not_configured for checkout, portal and webhook, and keeps billing reachable', async () => {
      const unverified = await registerOwner(bare.http);
      const as = { token: unverified.token };
      expect((await bare.http.get('/api/v1/probe/pro', as)).body.error).toBe('email_verification_required');
      expect((await bare.http.get('/api/v1/billing/subscription', as)).status).toBe(200);
      expect(await bare.http.post('/api/v1/billing/checkout-session', { plan: 'pro' }, as)).toMatchObject({
        status: 503,
        body: { error: 'stripe_not_configured' },
      });
      expect(await bare.http.get('/api/v1/billing/portal-session', as)).toMatchObject({ status: 503, body: { error: 'stripe_not_configured' } });
      const webhook = await bare.http.post('/api/v1/billing/webhook', { id: 'evt_x' }, { headers: { 'stripe-signature': 't=1,v1=abc' } });
      expect(webhook).toMatchObject({ status: 503, body: { error: 'stripe_not_configured' } });
    });
  });
});
