import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { PRIVILEGED_DATA_SOURCE } from '../../../apps/api/src/core/database/data-sources.js';
import { ConnectWiseStandIn } from '../../support/connectwise-stand-in.js';
import { HttpStandIn } from '../../support/http-stand-in.js';
import { registerOwner, type SignedIn } from '../../support/identity.js';
import { documentedRoutes, envelopeProblem, fillPath, inParallel, randomClientIp, send, type DocumentedRoute } from '../../support/openapi.js';
import { sampleValid } from '../../support/schema-arbitrary.js';
import { lapseSubscription } from '../../support/sessions.js';
import { StripeStandIn } from '../../support/stripe-stand-in.js';
import { populateAccount, type PopulatedAccount } from '../../support/tenant-fixture.js';
import { bootTestApp, type TestApp } from '../../support/test-app.js';
import { CALLERS, expectedOutcome, ROLE_MATRIX, type Caller, type Outcome } from './role-matrix.js';

/** Path values for callers inside the account: ids that exist nowhere, so an allowed call answers 404 and changes nothing. */
function missingValues(): Record<string, string> {
  return {
    id: crypto.randomUUID(),
    userId: crypto.randomUUID(),
    fixId: crypto.randomUUID(),
    handoffId: crypto.randomUUID(),
    code: randomBytes(12).toString('base64url'),
    ticketId: '424242',
    plan: 'no-such-plan',
    provider: 'google',
  };
}

/** Another account aims at the real resources of the account the matrix runs in. */
function realValues(a: PopulatedAccount, path: string): Record<string, string> {
  const id = path.startsWith('/api/v1/accounts/invites')
    ? a.inviteId
    : path.startsWith('/api/v1/accounts/api-keys')
      ? a.apiKey.id
      : path.startsWith('/api/v1/notifications')
        ? a.notificationId
        : a.sessionId;
  return { ...missingValues(), id, userId: a.junior.user.id, fixId: a.fixId, handoffId: a.handoffId, ticketId: String(a.ticketId) };
}

/** Guard refusals carry the generic codes; a 401 `invalid_refresh_token` or 403 `cannot_claim_own_handoff` is about the request. */
const GUARD_CODES: Record<number, string> = { 401: 'unauthorized', 402: 'subscription_required', 403: 'forbidden' };

function classify(status: number, error: string | undefined, expected: Outcome): Outcome | `unexpected ${number}` {
  if ((status === 401 || status === 402 || status === 403) && GUARD_CODES[status] === error) return status;
  if (status === 404 && expected === 404) return 404;
  if (status >= 500 || status === 429) return `unexpected ${status}`;
  return 'allowed';
}

describe('role matrix: every documented route × every kind of caller', () => {
  const cw = new ConnectWiseStandIn();
  const slack = new HttpStandIn(() => ({ status: 200, body: 'ok' }));
  const stripe = new StripeStandIn();
  let t: TestApp;
  let routes: DocumentedRoute[];
  let a: PopulatedAccount;
  const tokens: Partial<Record<Caller, string>> = {};

  beforeAll(async () => {
    await Promise.all([cw.start(), slack.start(), stripe.start()]);
    t = await bootTestApp({
      env: { ...stripe.env(), ENCRYPTION_KEY: randomBytes(32).toString('base64'), PSA_REQUEST_TIMEOUT_MS: '500', ENTITLEMENTS_CACHE_TTL_SECONDS: '0' },
    });
    const db = t.app.get<DataSource>(PRIVILEGED_DATA_SOURCE);
    routes = await documentedRoutes(t.baseUrl);
    a = await populateAccount(t, { name: 'Matrix', connectWise: cw, slackUrl: `${slack.url}/hooks/matrix` });
    const [other, platform, lapsed] = await Promise.all([registerOwner(t.http), registerOwner(t.http), registerOwner(t.http)]);
    await db.query(`update users set super_admin = true where id = $1`, [platform.user.id]);
    await lapseSubscription(t, lapsed.user.account.id);
    const people: Record<string, SignedIn> = { viewer: a.viewer, engineer: a.junior, admin: a.admin, owner: a.owner, otherAccount: other, superAdmin: platform, lapsed };
    for (const [caller, who] of Object.entries(people)) tokens[caller as Caller] = who.token;
    tokens.apiKey = a.apiKey.secret;
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await Promise.all([cw.stop(), slack.stop(), stripe.stop()]);
  });

  it('declares every documented route, and only those (drift fails)', () => {
    const documented = new Set(routes.map((r) => r.key));
    const missing = [...documented].filter((key) => !ROLE_MATRIX[key]);
    const stale = Object.keys(ROLE_MATRIX).filter((key) => !documented.has(key));
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
  });

  it('answers each caller as the table says', async () => {
    const jobs = routes.filter((r) => ROLE_MATRIX[r.key]).flatMap((route) => CALLERS.map((caller, index) => ({ route, caller, index })));
    const byRoute = new Map<string, typeof jobs>();
    for (const job of jobs) byRoute.set(job.route.key, [...(byRoute.get(job.route.key) ?? []), job]);

    // Routes in parallel, the callers of one route one after another (their effects may interact).
    const results = (
      await inParallel([...byRoute.values()], 6, async (perRoute) => {
        const out = [];
        for (const { route, caller, index } of perRoute) {
          const expected = expectedOutcome(ROLE_MATRIX[route.key]!, caller);
          const values = caller === 'otherAccount' ? realValues(a, route.path) : missingValues();
          const query = route.query.filter((q) => q.required).map((q) => `${q.name}=${encodeURIComponent(String(sampleValid(q.schema, index)))}`);
          const res = await send(t.baseUrl, {
            method: route.method,
            path: `${fillPath(route.path, values)}${query.length ? `?${query.join('&')}` : ''}`,
            token: tokens[caller],
            body: route.body ? sampleValid(route.body, 100 + index) : undefined,
            ip: randomClientIp(),
          });
          const actual = classify(res.status, res.json?.error, expected);
          const envelope = res.status >= 400 ? envelopeProblem(res) : null;
          out.push({ route: route.key, caller, expected, actual, status: res.status, error: res.json?.error as string | undefined, envelope });
        }
        return out;
      })
    ).flat();

    const mismatches = results.filter((r) => r.actual !== r.expected || r.envelope);
    expect(mismatches).toEqual([]);
    const tally = (o: Outcome) => results.filter((r) => r.expected === o).length;
    console.log(
      `role matrix: ${byRoute.size} routes × ${CALLERS.length} callers = ${results.length} requests ` +
        `(allowed ${tally('allowed')}, 401 ${tally(401)}, 403 ${tally(403)}, 402 ${tally(402)}, 404 ${tally(404)}); 0 mismatches, 0 5xx`,
    );
  }, 60_000);
});
