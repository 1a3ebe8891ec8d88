import pg from 'pg';
import { AuditRepository } from '../../apps/api/src/core/audit/audit.repository.js';
import { afterCommit } from '../../apps/api/src/core/database/after-commit.js';
import { uuidLiteral } from '../../apps/api/src/core/database/sql.js';
import { TenantDatabase } from '../../apps/api/src/core/database/tenant-database.js';
import { registerOwner, type SignedIn } from '../support/identity.js';
import { lapseSubscription, SESSIONS } from '../support/sessions.js';
import { addTeammate } from '../support/team.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { until } from '../support/until.js';

/**
 * The auth guard opens each request's tenant transaction (reading the caller in the same round
 * trip) and the tenant interceptor completes it. These tests hold that split to what one
 * `TenantDatabase.run` guarantees: nothing leaks, nothing half-commits, TypeORM's semantics hold.
 */
describe('the request transaction opened while authenticating', () => {
  let t: TestApp;
  let tenant: TenantDatabase;
  let audit: AuditRepository;
  let sql: pg.Client;
  let owner: SignedIn;
  let viewer: SignedIn;
  let lapsed: SignedIn;

  /** Runtime-role connections of this database sitting inside a transaction. */
  const openTransactions = async () =>
    (
      await sql.query(
        `select count(*)::int as n from pg_stat_activity
          where datname = current_database() and usename = 'rf_app' and state like 'idle in transaction%'`,
      )
    ).rows[0].n as number;
  const actionsOf = async (accountId: string) =>
    (await sql.query(`select action from audit_events where account_id = $1 and action like 'probe.%' order by created_at, action`, [accountId])).rows.map(
      (r) => r.action,
    );

  beforeAll(async () => {
    t = await bootTestApp();
    tenant = t.app.get(TenantDatabase);
    audit = t.app.get(AuditRepository);
    sql = new pg.Client({ connectionString: t.db.url });
    await sql.connect();
    owner = await registerOwner(t.http);
    viewer = await addTeammate(t.http, owner.token, 'viewer');
    lapsed = await registerOwner(t.http);
    await lapseSubscription(t, lapsed.user.account.id);
  });
  afterAll(async () => {
    await sql?.end();
    await t?.close();
  });

  it('rolls back and frees the transaction of every request refused after authentication', async () => {
    // Four times the pool (5): one leaked connection per refusal would leave the next request waiting forever.
    for (let i = 0; i < 10; i++) {
      expect((await t.http.get(`${SESSIONS}/escalations`, { token: viewer.token })).status).toBe(403);
      expect((await t.http.get(SESSIONS, { token: lapsed.token })).status).toBe(402);
    }
    expect(await until(openTransactions, (n) => n === 0)).toBe(0);
    const me = await t.http.get('/api/v1/auth/me', { token: viewer.token });
    expect(me.status).toBe(200);
    expect(me.body.role).toBe('viewer');
  });

  it('frees the transaction of clients that leave at any moment of the request', async () => {
    const leaving = Array.from({ length: 40 }, async (_, i) => {
      const controller = new AbortController();
      const request = fetch(`${t.baseUrl}/api/v1/auth/me`, { headers: { authorization: `Bearer ${owner.token}` }, signal: controller.signal });
      setTimeout(() => controller.abort(), i % 8);
      await request.then((r) => r.text()).catch(() => undefined);
    });
    await Promise.all(leaving);
    expect(await until(openTransactions, (n) => n === 0)).toBe(0);
    const me = await t.http.get('/api/v1/auth/me', { token: owner.token });
    expect(me.status).toBe(200);
    expect(me.body.account.id).toBe(owner.user.account.id);
  });

  it('answers a removed user 401 from the same lookup', async () => {
    const leaver = await addTeammate(t.http, owner.token, 'engineer');
    expect((await t.http.delete(`/api/v1/accounts/members/${leaver.user.id}`, { token: owner.token })).status).toBe(204);
    expect((await t.http.get('/api/v1/auth/me', { token: leaver.token })).status).toBe(401);
    expect(await until(openTransactions, (n) => n === 0)).toBe(0);
  });

  it('serves a burst of Pro requests with nothing cached without waiting on a second pooled connection', async () => {
    // No entitlements cache: every Pro request reads the subscription in its guard while its own
    // request transaction already holds a connection. Six times the pool (5) at once must all answer.
    const uncached = await bootTestApp({ shareDatabaseWith: t, env: { ENTITLEMENTS_CACHE_TTL_SECONDS: '0' } });
    try {
      const statuses = await Promise.all(
        Array.from({ length: 30 }, () => uncached.http.get(SESSIONS, { token: owner.token }).then((r) => r.status)),
      );
      expect(statuses.filter((s) => s !== 200)).toEqual([]);
    } finally {
      await uncached.close();
    }
  });

  it('keeps commit, rollback and savepoint semantics', async () => {
    const accountId = owner.user.account.id;
    await tenant.run(accountId, () => audit.record({ action: 'probe.committed' }));
    await expect(
      tenant.run(accountId, async () => {
        await audit.record({ action: 'probe.rolled_back' });
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');
    await tenant.run(accountId, async (manager) => {
      await audit.record({ action: 'probe.outer' });
      await manager
        .transaction(async () => {
          await audit.record({ action: 'probe.inner' });
          throw new Error('inner failure');
        })
        .catch(() => undefined);
    });
    expect(await actionsOf(accountId)).toEqual(['probe.committed', 'probe.outer']);
  });

  it('announces after the commit, and never for a rolled-back transaction', async () => {
    const announced: string[] = [];
    await tenant.run(owner.user.account.id, async (manager) => {
      afterCommit(manager, () => announced.push('committed'));
      expect(announced).toEqual([]);
    });
    await tenant
      .run(owner.user.account.id, async (manager) => {
        afterCommit(manager, () => announced.push('rolled back'));
        throw new Error('undone');
      })
      .catch(() => undefined);
    expect(announced).toEqual(['committed']);
  });

  it('hands the connection back clean when the first statement fails', async () => {
    await expect(tenant.open(owner.user.account.id, 'select * from no_such_table')).rejects.toThrow(/no_such_table/);
    // Cycle through every pooled connection: one left inside an aborted transaction would fail here.
    for (let i = 0; i < 10; i++) {
      expect(await tenant.run(owner.user.account.id, (m) => m.query(`select count(*)::int as n from accounts`))).toEqual([{ n: 1 }]);
    }
    expect(await openTransactions()).toBe(0);
  });

  it('splices nothing but a UUID into the combined statement', async () => {
    const hostile = `00000000-0000-4000-8000-000000000000', true); drop table users; --`;
    expect(() => uuidLiteral(hostile)).toThrow(TypeError);
    await expect(tenant.open(hostile)).rejects.toThrow(TypeError);
    expect(uuidLiteral('3F2504E0-4F89-41D3-9A0C-0305E82C3301')).toBe(`'3F2504E0-4F89-41D3-9A0C-0305E82C3301'`);
    expect((await sql.query(`select count(*)::int as n from users`)).rows[0].n).toBeGreaterThan(0);
  });
});
