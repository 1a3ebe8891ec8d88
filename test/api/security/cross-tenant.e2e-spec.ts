import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { PRIVILEGED_DATA_SOURCE } from '../../../apps/api/src/core/database/data-sources.js';
import { TenantDatabase } from '../../../apps/api/src/core/database/tenant-database.js';
import { ConnectWiseStandIn } from '../../support/connectwise-stand-in.js';
import { HttpStandIn } from '../../support/http-stand-in.js';
import { documentedRoutes, fillPath, inParallel, send, type DocumentedRoute } from '../../support/openapi.js';
import { sampleValid } from '../../support/schema-arbitrary.js';
import { SESSIONS } from '../../support/sessions.js';
import { SseClient } from '../../support/sse-client.js';
import { StripeStandIn } from '../../support/stripe-stand-in.js';
import { idsIn, snapshotAccount, tenantTables, type TableFacts } from '../../support/tenant-tables.js';
import { populateAccount, type PopulatedAccount } from '../../support/tenant-fixture.js';
import { bootTestApp, type TestApp } from '../../support/test-app.js';

/** Which of account A's real ids goes into each documented path parameter. */
const TARGETS: Record<string, (a: PopulatedAccount) => Record<string, string>> = {
  '/api/v1/accounts/invites/{id}': (a) => ({ id: a.inviteId }),
  '/api/v1/accounts/invites/{id}/resend': (a) => ({ id: a.inviteId }),
  '/api/v1/accounts/members/{userId}': (a) => ({ userId: a.junior.user.id }),
  '/api/v1/accounts/api-keys/{id}': (a) => ({ id: a.apiKey.id }),
  '/api/v1/notifications/{id}/read': (a) => ({ id: a.notificationId }),
  '/api/v1/psa/tickets/{ticketId}': (a) => ({ ticketId: String(a.ticketId) }),
  '/api/v1/ai-sessions/{id}': (a) => ({ id: a.sessionId }),
  '/api/v1/ai-sessions/{id}/resolve': (a) => ({ id: a.sessionId }),
  '/api/v1/ai-sessions/{id}/park': (a) => ({ id: a.sessionId }),
  '/api/v1/ai-sessions/{id}/messages': (a) => ({ id: a.sessionId }),
  '/api/v1/ai-sessions/{id}/fixes': (a) => ({ id: a.sessionId }),
  '/api/v1/ai-sessions/{id}/fixes/{fixId}/outcome': (a) => ({ id: a.sessionId, fixId: a.fixId }),
  '/api/v1/ai-sessions/{id}/fixes/{fixId}/draft-script': (a) => ({ id: a.sessionId, fixId: a.fixId }),
  '/api/v1/ai-sessions/{id}/psa-ticket': (a) => ({ id: a.sessionId }),
  '/api/v1/ai-sessions/{id}/psa-ticket/spin-off': (a) => ({ id: a.sessionId }),
  '/api/v1/ai-sessions/{id}/handoff': (a) => ({ id: a.sessionId }),
  '/api/v1/ai-sessions/{id}/escalate': (a) => ({ id: a.sessionId }),
  '/api/v1/ai-sessions/{id}/handoffs/{handoffId}/claim': (a) => ({ id: a.sessionId, handoffId: a.handoffId }),
  '/api/v1/ai-sessions/{id}/pickup': (a) => ({ id: a.sessionId }),
};

/** Routes with a path parameter that is not one of an account's ids, or where the SPEC answers otherwise. */
const EXCEPTIONS: Record<string, { values: (a: PopulatedAccount) => Record<string, string>; status: number; reason: string }> = {
  'GET /api/v1/accounts/invites/{code}/lookup': {
    values: (a) => ({ code: a.inviteCode }),
    status: 200,
    reason: 'SPEC §1: public lookup by the secret invite code itself; holding the code is the permission, and it reveals no ids',
  },
  'PUT /api/v1/admin/plan-limits/{plan}': {
    values: () => ({ plan: 'pro' }),
    status: 403,
    reason: 'SPEC §3: platform route for super-admins; a plan key belongs to no account',
  },
  'DELETE /api/v1/admin/invite-codes/{id}': {
    values: () => ({ id: crypto.randomUUID() }),
    status: 403,
    reason: 'SPEC §1: platform invite codes are super-admin only and belong to no account',
  },
  'GET /api/v1/auth/oauth/{provider}': {
    values: () => ({ provider: 'google' }),
    status: 404,
    reason: 'a provider name is no tenant id; Google is not configured here (oauth_provider_disabled)',
  },
  'GET /api/v1/auth/oauth/{provider}/callback': {
    values: () => ({ provider: 'google' }),
    status: 302,
    reason: 'a provider name is no tenant id; the callback always lands on the web app with an error',
  },
};

const STREAM = 'GET /api/v1/ai-sessions/escalations/stream';

describe('cross-tenant sweep over every documented route', () => {
  const cwA = new ConnectWiseStandIn({ companyId: 'alpha_msp', clientId: 'alpha-client' });
  const cwB = new ConnectWiseStandIn({ companyId: 'bravo_msp', clientId: 'bravo-client' }, { firstTicketId: 9000 });
  const slack = new HttpStandIn(() => ({ status: 200, body: 'ok' }));
  const stripe = new StripeStandIn();
  let t: TestApp;
  let db: DataSource;
  let routes: DocumentedRoute[];
  let tables: TableFacts[];
  let a: PopulatedAccount;
  let b: PopulatedAccount;

  beforeAll(async () => {
    await Promise.all([cwA.start(), cwB.start(), slack.start(), stripe.start()]);
    // No job worker: A's rows must not move on their own while B pokes at them.
    t = await bootTestApp({
      env: { ...stripe.env(), JOBS_WORKER_ENABLED: 'false', ENCRYPTION_KEY: randomBytes(32).toString('base64'), PSA_REQUEST_TIMEOUT_MS: '1000' },
    });
    db = t.app.get<DataSource>(PRIVILEGED_DATA_SOURCE);
    routes = await documentedRoutes(t.baseUrl);
    tables = await tenantTables(db);
    a = await populateAccount(t, { name: 'Alpha', connectWise: cwA, slackUrl: `${slack.url}/hooks/alpha/secret` });
    b = await populateAccount(t, { name: 'Bravo', connectWise: cwB, slackUrl: `${slack.url}/hooks/bravo/secret` });
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await Promise.all([cwA.stop(), cwB.stop(), slack.stop(), stripe.stop()]);
  });

  it('covers every documented route that takes a path parameter', () => {
    const withParams = routes.filter((r) => r.pathParams.length);
    const uncovered = withParams.filter((r) => !TARGETS[r.path] && !EXCEPTIONS[r.key]).map((r) => r.key);
    expect(uncovered).toEqual([]);
    const stale = [...Object.keys(TARGETS).filter((p) => !routes.some((r) => r.path === p)), ...Object.keys(EXCEPTIONS).filter((k) => !routes.some((r) => r.key === k))];
    expect(stale).toEqual([]);
    for (const route of withParams.filter((r) => TARGETS[r.path])) {
      expect(Object.keys(TARGETS[route.path]!(a)).sort()).toEqual([...route.pathParams].sort());
    }
  });

  it("answers B 404 for every one of A's ids, on every method, and leaves A's rows exactly as they were", async () => {
    const before = await snapshotAccount(db, tables, a.accountId);
    const aIds = idsIn(before);
    const cwRequestsBefore = cwA.requests.length;
    const slackBefore = slack.requests.length;
    const withParams = routes.filter((r) => r.pathParams.length);

    const answers = await inParallel(withParams, 4, async (route) => {
      const exception = EXCEPTIONS[route.key];
      const values = exception ? exception.values(a) : TARGETS[route.path]!(a);
      const body = route.body ? sampleValid(route.body, 7) : undefined;
      const res = await send(t.baseUrl, { method: route.method, path: fillPath(route.path, values), token: b.owner.token, body });
      const expected = exception?.status ?? 404;
      const leaked = [...aIds].filter((id) => res.text.toLowerCase().includes(id) && !Object.values(values).includes(id));
      // A's id must be indistinguishable from an id that exists nowhere: same status, same body.
      let sameAsUnknown = true;
      if (!exception) {
        const unknown = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, /^\d+$/.test(v) ? String(Number(v) + 7_000_000) : crypto.randomUUID()]));
        const other = await send(t.baseUrl, { method: route.method, path: fillPath(route.path, unknown), token: b.owner.token, body });
        const normalize = (text: string, v: Record<string, string>) => Object.values(v).reduce((acc, id) => acc.split(id).join('<id>'), text);
        sameAsUnknown = other.status === res.status && normalize(other.text, unknown) === normalize(res.text, values);
      }
      return { route: route.key, status: res.status, expected, error: res.json?.error, leaked, sameAsUnknown };
    });

    const wrong = answers.filter((x) => x.status !== x.expected || x.leaked.length || !x.sameAsUnknown);
    expect(wrong).toEqual([]);
    expect(await snapshotAccount(db, tables, a.accountId)).toEqual(before);
    // Nothing reached A's ConnectWise or A's Slack on B's behalf.
    expect(cwA.requests.length).toBe(cwRequestsBefore);
    expect(slack.requests.slice(slackBefore).filter((r) => r.path.includes('alpha'))).toEqual([]);

    // The same ids as A's own members use them still work: the sweep's 404s are about tenancy, not the ids.
    expect((await t.http.get(`${SESSIONS}/${a.sessionId}`, { token: a.junior.token })).status).toBe(200);
    const notFoundForAll = answers.filter((x) => x.expected === 404).length;
    console.log(
      `cross-tenant sweep: ${withParams.length} routes with ids swept as another account (${notFoundForAll} → 404, ` +
        `${withParams.length - notFoundForAll} per the exceptions table); ${aIds.size} ids of A; 0 lost, 0 leaked, 0 5xx`,
    );
  });

  it("never shows A's ids, emails or names in any list B can read", async () => {
    const before = await snapshotAccount(db, tables, a.accountId);
    const secrets = [...idsIn(before), a.owner.email, a.junior.email, a.viewer.email, 'Alpha Junior', 'alpha_msp'];
    const lists = routes.filter((r) => r.method === 'GET' && !r.pathParams.length && r.key !== STREAM);
    const seen = await inParallel(lists, 4, async (route) => {
      const query = route.query.some((q) => q.required) ? `?${route.query.filter((q) => q.required).map((q) => `${q.name}=${encodeURIComponent(String(sampleValid(q.schema)))}`).join('&')}` : '';
      const res = await send(t.baseUrl, { method: 'GET', path: `${route.path}${query}`, token: b.owner.token });
      const found = secrets.filter((s) => res.text.toLowerCase().includes(s.toLowerCase()));
      return { route: route.key, status: res.status, found };
    });
    expect(seen.filter((s) => s.found.length || s.status >= 500)).toEqual([]);
    // B's own lists do carry B's data, so an empty answer cannot pass for isolation.
    const bSessions = await t.http.get(SESSIONS, { token: b.junior.token });
    expect(bSessions.text).toContain(b.sessionId);
    console.log(`cross-tenant lists: ${lists.length} list routes read as another account; 0 leaked`);
  });

  it("keeps A's live events off B's stream", async () => {
    const bStream = await SseClient.open(`${t.baseUrl}${SESSIONS}/escalations/stream`, { authorization: `Bearer ${b.senior.token}` });
    const aStream = await SseClient.open(`${t.baseUrl}${SESSIONS}/escalations/stream`, { authorization: `Bearer ${a.senior.token}` });
    try {
      await Promise.all([bStream.waitFor((e) => e.event === 'ready'), aStream.waitFor((e) => e.event === 'ready')]);
      const session = await t.http.post(SESSIONS, { problemSummary: 'VPN drops every hour' }, { token: a.junior.token });
      await t.http.post(`${SESSIONS}/${session.body.id}/handoff`, { intent: 'escalate', reason: 'stream isolation' }, { token: a.junior.token });
      await aStream.waitFor((e) => e.event === 'handoff_created' && e.data.sessionId === session.body.id);
      await aStream.waitFor((e) => e.event === 'notification_created');
      await new Promise((r) => setTimeout(r, 150));
      expect(bStream.events.filter((e) => e.event !== 'ready')).toEqual([]);
    } finally {
      await Promise.all([bStream.close(), aStream.close()]);
    }
  });

  describe('with row-level security alone (no application filter)', () => {
    /** Platform tables carrying an account_id by reference only: the runtime role may not read them at all. */
    const PLATFORM_TABLES: Record<string, string> = {
      stripe_events: 'the Stripe webhook ledger is platform data, written on the privileged connection; rf_app has no privilege on it',
    };
    /** Tenant tables whose RLS binds the runtime role but is deliberately not forced on the owner. */
    const OWNER_WORKER_TABLES: Record<string, string> = {
      jobs: 'rf_app inserts jobs inside tenant transactions under RLS; the cross-tenant worker claims them as the table owner',
    };

    it('enables and forces RLS, with an account policy, on every tenant table', async () => {
      const policies: { tablename: string; qual: string; with_check: string }[] = await db.query(
        `select tablename, qual, with_check from pg_policies where schemaname = 'public'`,
      );
      const problems: string[] = [];
      for (const table of tables) {
        if (PLATFORM_TABLES[table.name]) {
          if (table.runtimeCanSelect) problems.push(`${table.name}: platform table readable by rf_app`);
          continue;
        }
        if (!table.rlsEnabled) problems.push(`${table.name}: RLS not enabled`);
        if (!table.rlsForced && !OWNER_WORKER_TABLES[table.name]) problems.push(`${table.name}: RLS not forced`);
        const policy = policies.find((p) => p.tablename === table.name);
        if (!policy || !policy.qual?.includes('app_current_account_id()') || !policy.with_check?.includes('app_current_account_id()')) {
          problems.push(`${table.name}: no USING/WITH CHECK policy on app_current_account_id()`);
        }
      }
      expect(problems).toEqual([]);
      expect(tables.length).toBeGreaterThan(15);
    });

    it("shows B exactly B's rows in every tenant table, none of A's, with no WHERE clause", async () => {
      const tenant = t.app.get(TenantDatabase);
      const bRows = await snapshotAccount(db, tables, b.accountId);
      const results: { table: string; seen: number; expected: number; foreign: number }[] = [];
      for (const table of tables.filter((x) => x.runtimeCanSelect)) {
        const rows: Record<string, unknown>[] = await tenant.run(b.accountId, (m) => m.query(`select * from "${table.name}"`));
        results.push({
          table: table.name,
          seen: rows.length,
          expected: bRows[table.name]!.length,
          foreign: rows.filter((r) => r[table.tenantColumn] !== b.accountId).length,
        });
      }
      expect(results.filter((r) => r.foreign > 0 || r.seen !== r.expected)).toEqual([]);
      // B has rows in most tables, so "saw nothing" cannot pass for "saw only its own".
      expect(results.filter((r) => r.seen > 0).length).toBeGreaterThan(10);
      console.log(`RLS sweep: ${results.length} tenant tables read as B without a WHERE clause; 0 of A's rows visible`);
    });
  });
});
