import { Controller, Get, Module } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { PRIVILEGED_DATA_SOURCE } from '../../apps/api/src/core/database/data-sources.js';
import { BillingModule } from '../../apps/api/src/modules/billing/billing.module.js';
import { RequiresSubscription } from '../../apps/api/src/modules/billing/subscription.guard.js';
import { registerOwner, type SignedIn } from '../support/identity.js';
import { addTeammate } from '../support/team.js';
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

const PRO_LIMITS = { seats: 10, monthlySessions: null, standaloneScriptSessions: 5, proFeatures: true };

describe('super-admin plan limits', () => {
  let t: TestApp;
  let second: TestApp;
  let db: DataSource;
  let superAdmin: SignedIn;
  let owner: SignedIn;

  const put = (plan: string, body: unknown, who: SignedIn = superAdmin) => t.http.put(`/api/v1/admin/plan-limits/${plan}`, body, { token: who.token });
  const list = (who: SignedIn = superAdmin) => t.http.get('/api/v1/admin/plan-limits', { token: who.token });
  const planOf = async (plan: string) => (await list()).body.items.find((p: { plan: string }) => p.plan === plan);
  const limitsSeenBy = async (app: TestApp, who: SignedIn = owner) =>
    (await app.http.get('/api/v1/billing/subscription', { token: who.token })).body.limits;

  beforeAll(async () => {
    t = await bootTestApp({ extraModules: [ProProbeModule] });
    // A second API process on the same database, as behind a load balancer.
    second = await bootTestApp({ shareDatabaseWith: t, extraModules: [ProProbeModule] });
    db = t.app.get(PRIVILEGED_DATA_SOURCE);
    superAdmin = await registerOwner(t.http, { name: 'Pat Platform' });
    await db.query(`update users set super_admin = true where id = $1`, [superAdmin.user.id]);
    owner = await registerOwner(t.http);
    // Plans that exist without billing data, as a platform operator might add them.
    await db.query(`insert into plan_limits (plan, seats, monthly_sessions, standalone_script_sessions, pro_features)
                    values ('enterprise', null, null, null, true), ('partner', 5, 100, 5, true)`);
  });
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  it('lists every plan with its limits merged with billing, null billing fields when it has none', async () => {
    const res = await list();
    expect(res.status).toBe(200);
    expect(res.body.items.map((p: { plan: string }) => p.plan)).toEqual(['enterprise', 'free', 'partner', 'pro', 'team']);
    expect(res.body.items.find((p: { plan: string }) => p.plan === 'pro')).toEqual({
      plan: 'pro',
      limits: PRO_LIMITS,
      displayName: 'Pro',
      stripeProductId: null,
      stripePriceId: null,
      priceCents: 4900,
      currency: 'usd',
      interval: 'month',
      public: true,
      archived: false,
    });
    expect(res.body.items.find((p: { plan: string }) => p.plan === 'enterprise')).toEqual({
      plan: 'enterprise',
      limits: { seats: null, monthlySessions: null, standaloneScriptSessions: null, proFeatures: true },
      displayName: null,
      stripeProductId: null,
      stripePriceId: null,
      priceCents: null,
      currency: null,
      interval: null,
      public: null,
      archived: null,
    });
  });

  it('creates a billing row on the first billing field, naming it after the plan, and never drops the name', async () => {
    const limits = { seats: 100, monthlySessions: null, standaloneScriptSessions: 20, proFeatures: true };
    const created = await put('enterprise', { limits, priceCents: 99_900, stripePriceId: 'price_enterprise', stripeProductId: 'prod_enterprise' });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({
      plan: 'enterprise',
      limits,
      displayName: 'Enterprise',
      stripeProductId: 'prod_enterprise',
      stripePriceId: 'price_enterprise',
      priceCents: 99_900,
      currency: 'usd',
      interval: 'month',
      public: false,
      archived: false,
    });
    expect(await planOf('enterprise')).toEqual(created.body);

    const renamed = await put('enterprise', { limits, displayName: 'Enterprise Plus', interval: 'year', currency: 'EUR' });
    expect(renamed.body).toMatchObject({ displayName: 'Enterprise Plus', interval: 'year', currency: 'eur', priceCents: 99_900, stripePriceId: 'price_enterprise' });
    const untouched = await put('enterprise', { limits, public: true, stripeProductId: null });
    expect(untouched.body).toMatchObject({ displayName: 'Enterprise Plus', public: true, stripeProductId: null, stripePriceId: 'price_enterprise' });
    expect(await put('enterprise', { limits, displayName: null })).toMatchObject({ status: 400, body: { error: 'validation_failed' } });
    expect((await planOf('enterprise')).displayName).toBe('Enterprise Plus');
  });

  it('updates limits alone without inventing billing data', async () => {
    const limits = { seats: 6, monthlySessions: 120, standaloneScriptSessions: 5, proFeatures: true };
    const res = await put('partner', { limits });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ plan: 'partner', limits, displayName: null, priceCents: null, public: null });
  });

  it('changes limits and billing together or not at all', async () => {
    const before = await planOf('team');
    const clash = await put('team', { limits: { ...before.limits, seats: 75 }, stripePriceId: 'price_enterprise' });
    expect(clash).toMatchObject({ status: 409, body: { error: 'stripe_price_in_use' } });
    expect(await planOf('team')).toEqual(before);
  });

  it('answers 404 unknown_plan and 400 for malformed keys or limits', async () => {
    expect(await put('platinum', { limits: PRO_LIMITS })).toMatchObject({ status: 404, body: { error: 'unknown_plan' } });
    expect(await put('Not A Plan', { limits: PRO_LIMITS })).toMatchObject({ status: 400, body: { error: 'validation_failed' } });
    expect(await put('pro', { limits: { ...PRO_LIMITS, seats: 0 } })).toMatchObject({ status: 400, body: { error: 'validation_failed' } });
    expect(await put('pro', {})).toMatchObject({ status: 400, body: { error: 'validation_failed' } });
  });

  it('is for super-admins only', async () => {
    const admin = await addTeammate(t.http, owner.token, 'admin');
    for (const who of [owner, admin]) {
      expect(await list(who)).toMatchObject({ status: 403, body: { error: 'forbidden' } });
      expect(await put('pro', { limits: { ...PRO_LIMITS, seats: 999 } }, who)).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    }
    expect((await t.http.get('/api/v1/admin/plan-limits')).status).toBe(401);
    expect((await planOf('pro')).limits).toEqual(PRO_LIMITS);
  });

  it("drops the cached entitlements of the plan's accounts on every process at once", async () => {
    // Both processes have the trial account's entitlements cached.
    expect(await limitsSeenBy(t)).toEqual(PRO_LIMITS);
    expect(await limitsSeenBy(second)).toEqual(PRO_LIMITS);

    // The cache is real: a change that bypasses the service is not seen before the TTL runs out.
    await db.query(`update plan_limits set seats = 11 where plan = 'pro'`);
    expect((await limitsSeenBy(t)).seats).toBe(10);
    expect((await limitsSeenBy(second)).seats).toBe(10);

    const raised = { seats: 12, monthlySessions: 500, standaloneScriptSessions: 7, proFeatures: true };
    expect((await put('pro', { limits: raised })).status).toBe(200);
    // The process that answered the PUT is fresh at once; the other hears the signal within moments.
    expect(await limitsSeenBy(t)).toEqual(raised);
    expect(await until(() => limitsSeenBy(second), (limits) => limits.seats === 12)).toEqual(raised);

    // Taking Pro features off the plan locks its accounts everywhere, with no wait for the TTL.
    expect((await second.http.get('/api/v1/probe/pro', { token: owner.token })).status).toBe(200);
    expect((await put('pro', { limits: { ...raised, proFeatures: false } })).status).toBe(200);
    expect((await t.http.get('/api/v1/probe/pro', { token: owner.token })).status).toBe(402);
    expect((await until(() => second.http.get('/api/v1/probe/pro', { token: owner.token }), (r) => r.status === 402)).status).toBe(402);

    expect((await put('pro', { limits: PRO_LIMITS })).status).toBe(200);
    expect(await until(() => limitsSeenBy(second), (limits) => limits.seats === 10)).toEqual(PRO_LIMITS);
  });
});
