import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { PRIVILEGED_DATA_SOURCE } from '../../../apps/api/src/core/database/data-sources.js';
import { ConnectWiseStandIn } from '../../support/connectwise-stand-in.js';
import { HttpStandIn } from '../../support/http-stand-in.js';
import { documentedRoutes, encodeAny, envelopeProblem, fillPath, inParallel, send, type DocumentedRoute, type RawAnswer, type RawRequest } from '../../support/openapi.js';
import { deepJsonText, freeFormProperties, hostileBody, invalidBody, nastyString, sampleValid } from '../../support/schema-arbitrary.js';
import { rowCounts } from '../../support/tenant-tables.js';
import { populateAccount, type PopulatedAccount } from '../../support/tenant-fixture.js';
import { bootTestApp, type TestApp } from '../../support/test-app.js';

const BODY_LIMIT = 256 * 1024;
const SEED = Number(process.env.RF_FUZZ_SEED ?? Date.now() % 1_000_000);
/** Upstream answers a route documents (an unreachable PSA, AI or Stripe): not a crash, but counted. */
const UPSTREAM_CODES = new Set(['psa_unavailable', 'ai_unavailable', 'ai_timeout', 'stripe_unavailable', 'stripe_not_configured']);
/** Body fields a route deliberately ignores in some states, so a wrong value there is not certainly refused. */
const LENIENT: Record<string, string[]> = {
  // SPEC §2: `data` is ignored on `skip`.
  'PATCH /api/v1/users/me/onboarding-step': ['data'],
};

interface Tally {
  requests: number;
  rejected: number;
  accepted: number;
  upstream: number;
  failures: string[];
}

describe('bad input: property-based fuzzing of every documented request', () => {
  const cw = new ConnectWiseStandIn();
  const slack = new HttpStandIn(() => ({ status: 200, body: 'ok' }));
  let t: TestApp;
  let db: DataSource;
  let routes: DocumentedRoute[];
  let a: PopulatedAccount;
  const own = { sessionId: '', fixId: '' };
  let counted: { name: string }[];
  const tally: Tally = { requests: 0, rejected: 0, accepted: 0, upstream: 0, failures: [] };
  let failures: string[] = [];
  beforeEach(() => {
    failures = [];
  });

  /** Real ids of the caller's own account, so every request reaches validation and the handler. */
  const pathValues = (path: string): Record<string, string> => ({
    id: path.startsWith('/api/v1/accounts/invites')
      ? a.inviteId
      : path.startsWith('/api/v1/accounts/api-keys')
        ? a.apiKey.id
        : path.startsWith('/api/v1/notifications')
          ? a.notificationId
          : path.startsWith('/api/v1/admin')
            ? crypto.randomUUID()
            : // Claiming needs someone else's escalation; everything else the caller's own session.
              /handoffs|pickup/.test(path)
              ? a.sessionId
              : own.sessionId,
    userId: a.junior.user.id,
    fixId: own.fixId,
    handoffId: a.handoffId,
    code: a.inviteCode,
    ticketId: String(a.ticketId),
    plan: 'pro',
    provider: 'google',
  });

  /** Sends one request; answers what is wrong with the answer, if anything, for the invariants every answer must keep. */
  async function check(route: DocumentedRoute, request: Omit<RawRequest, 'method' | 'path'> & { path?: string }, mustReject: boolean): Promise<string | null> {
    const res = await send(t.baseUrl, { method: route.method, path: request.path ?? fillPath(route.path, pathValues(route.path)), token: a.owner.token, ...request });
    tally.requests += 1;
    const upstream = res.status >= 500 && UPSTREAM_CODES.has(res.json?.error) && route.statuses.includes(res.status);
    if (upstream) tally.upstream += 1;
    else if (res.status >= 500) return `${res.status} ${res.json?.error ?? res.text.slice(0, 80)}`;
    if (res.status >= 400) {
      tally.rejected += 1;
      const problem = envelopeProblem(res);
      return problem ? `${res.status} ${problem}` : null;
    }
    tally.accepted += 1;
    return mustReject ? `${res.status}: accepted invalid input` : null;
  }

  /** A fixed request: a problem is recorded with what was sent. */
  async function probe(route: DocumentedRoute, request: Omit<RawRequest, 'method' | 'path'> & { path?: string }, mustReject: boolean): Promise<void> {
    const problem = await check(route, request, mustReject);
    if (problem) failures.push(`${route.key}: ${problem} ← ${String(request.rawBody ?? JSON.stringify(request.body) ?? request.path).slice(0, 160)}`);
  }

  /** A property over generated requests: fast-check shrinks a failure to the smallest input that shows it. */
  async function property<T>(route: DocumentedRoute, arbitrary: fc.Arbitrary<T>, numRuns: number, build: (value: T) => Omit<RawRequest, 'method' | 'path'> & { path?: string }, mustReject: boolean): Promise<void> {
    try {
      await fc.assert(
        fc.asyncProperty(arbitrary, async (value) => {
          const problem = await check(route, build(value), mustReject);
          if (problem) throw new Error(problem);
        }),
        { numRuns, seed: SEED, endOnFailure: false },
      );
    } catch (error) {
      const cause = (error as Error & { cause?: Error }).cause?.message ?? '';
      const example = (error as Error).message.split('\n').find((l) => l.startsWith('Counterexample')) ?? (error as Error).message.slice(0, 300);
      failures.push(`${route.key}: ${cause} ← ${example.slice(0, 400)}`);
    }
  }

  beforeAll(async () => {
    await Promise.all([cw.start(), slack.start()]);
    // No job worker, so only requests can change row counts.
    t = await bootTestApp({
      env: { JOBS_WORKER_ENABLED: 'false', BODY_LIMIT_BYTES: String(BODY_LIMIT), ENCRYPTION_KEY: randomBytes(32).toString('base64'), PSA_REQUEST_TIMEOUT_MS: '300' },
    });
    db = t.app.get<DataSource>(PRIVILEGED_DATA_SOURCE);
    routes = await documentedRoutes(t.baseUrl);
    a = await populateAccount(t, { name: 'Fuzz', connectWise: cw, slackUrl: `${slack.url}/hooks/fuzz` });
    // A platform administrator who owns a Pro account passes every guard: input is all that is left to refuse.
    await db.query(`update users set super_admin = true where id = $1`, [a.owner.user.id]);
    const session = await t.http.post('/api/v1/ai-sessions', { problemSummary: 'Fuzzed session', psaTicketId: String(a.ticketId) }, { token: a.owner.token });
    const fix = await t.http.post(`/api/v1/ai-sessions/${session.body.id}/fixes`, { title: 'Fuzzed fix', description: 'x' }, { token: a.owner.token });
    Object.assign(own, { sessionId: session.body.id, fixId: fix.body.id });
    counted = (await db.query(`select relname as name from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r' and relname not in ('rate_limit_hits', 'schema_migrations')`)) as { name: string }[];
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await Promise.all([cw.stop(), slack.stop()]);
  });

  it('refuses every invalid body, malformed JSON, wrong content type and oversized body with a 4xx envelope, writing nothing', async () => {
    const before = await rowCounts(db, counted);
    const withBody = routes.filter((r) => r.body);
    await inParallel(withBody, 6, async (route) => {
      await property(route, invalidBody(route.body!, { bodyRequired: route.bodyRequired, lenient: LENIENT[route.key] }), 45, (body) => ({ body }), true);
      const valid = JSON.stringify(sampleValid(route.body!, SEED));
      const raw = (rawBody: string | Buffer, contentType = 'application/json') => probe(route, { rawBody, headers: { 'content-type': contentType } }, true);
      for (const malformed of ['{', '{"a":', '{"a" 1}', "{'single': 'quotes'}", '[1,2', 'nul', '{"a":1}}', valid.slice(0, -1), `${valid}garbage`, '\u0000', '{"a":"\\ud800"']) {
        await raw(malformed);
      }
      await raw('', 'application/json');
      await raw(valid, 'text/plain');
      await raw(new URLSearchParams({ a: '1' }).toString(), 'application/x-www-form-urlencoded');
      await raw(`<?xml version="1.0"?><a>${valid}</a>`, 'application/xml');
      await raw(valid, 'multipart/form-data; boundary=x');
      // Past the configured body limit, and far past it.
      await raw(JSON.stringify({ padding: 'x'.repeat(BODY_LIMIT + 10) }));
      await raw(Buffer.alloc(BODY_LIMIT * 4, 0x20));
    });
    const after = await rowCounts(db, counted);
    tally.failures.push(...failures);
    expect(failures).toEqual([]);
    // A refused request writes nothing, anywhere.
    expect(after).toEqual(before);
  }, 120_000);

  it('answers hostile but possibly valid bodies (unicode, NUL, zalgo, extra and prototype keys, deep nesting) without ever failing', async () => {
    const withBody = routes.filter((r) => r.body && r.method !== 'DELETE');
    const json = { 'content-type': 'application/json' };
    const deep = (depth: number, name: string, valid: string) => `{"${name}":${name === 'nested' ? '' : '{"deep":'}${deepJsonText(depth)}${name === 'nested' ? '' : '}'},${valid.slice(1)}`.replace(',}', '}');
    // First, while every resource is still in its first state: free-form JSON fields nested past any sane depth.
    await inParallel(withBody, 6, async (route) => {
      const valid = JSON.stringify(sampleValid(route.body!, SEED));
      for (const name of freeFormProperties(route.body!)) {
        for (const depth of [500, 5_000, 25_000, 50_000]) await probe(route, { rawBody: deep(depth, name, valid), headers: json }, false);
      }
    });
    // Script parameters nested deeper than anyone writes them are refused up front: serialising 10k levels
    // overflows the stack of a production process (seen as a 500 before the contract bounded the depth).
    const draft = routes.find((r) => r.key === 'PUT /api/v1/ai-sessions/{id}/fixes/{fixId}/draft-script')!;
    const tooDeep = await send(t.baseUrl, { method: 'PUT', path: fillPath(draft.path, pathValues(draft.path)), token: a.owner.token, rawBody: `{"script":"echo","parameters":{"deep":${deepJsonText(5_000)}}}`, headers: json });
    expect([tooDeep.status, tooDeep.json?.error, Object.keys(tooDeep.json?.details?.fields ?? {})]).toEqual([400, 'validation_failed', ['parameters']]);

    await inParallel(withBody, 6, async (route) => {
      await property(route, hostileBody(route.body!), 30, (body) => ({ body }), false);
      // Absurd nesting as a whole body, and beside valid fields.
      await probe(route, { rawBody: `${'['.repeat(20_000)}${']'.repeat(20_000)}`, headers: json }, true);
      const valid = JSON.stringify(sampleValid(route.body!, SEED));
      for (const depth of [500, 50_000]) await probe(route, { rawBody: deep(depth, 'nested', valid), headers: json }, false);
    });
    const bodiless = routes.filter((r) => !r.body && r.method === 'POST');
    await inParallel(bodiless, 6, async (route) => {
      await probe(route, { rawBody: '{"unexpected": ', headers: { 'content-type': 'application/json' } }, false);
      await probe(route, { body: { unexpected: 'field', nested: { a: [1, 2, 3] } } }, false);
    });
    tally.failures.push(...failures);
    expect(failures).toEqual([]);
  }, 120_000);

  it('answers weird query strings and path ids with a 4xx envelope or a plain answer, never a failure', async () => {
    const weirdValues = fc.oneof(
      nastyString,
      fc.constantFrom('', '-1', '0', '1e309', 'NaN', 'Infinity', '0x10', '[]', '{}', 'true', '%', '%zz', '..', '../..', '9'.repeat(400), 'x'.repeat(5000)),
    );
    const withQuery = routes.filter((r) => r.method === 'GET' && r.query.length);
    await inParallel(withQuery, 4, async (route) => {
      const names = fc.constantFrom(...route.query.map((q) => q.name), 'unknown', '__proto__');
      await property(route, fc.tuple(names, weirdValues, fc.boolean()), 40, ([name, value, repeat]) => {
        const pair = `${encodeAny(name)}=${encodeAny(value)}`;
        return { path: `${fillPath(route.path, pathValues(route.path))}?${repeat ? `${pair}&${pair}` : pair}` };
      }, false);
    });
    const withIds = routes.filter((r) => r.pathParams.length);
    await inParallel(withIds, 4, async (route) => {
      const body = route.body ? sampleValid(route.body, SEED) : undefined;
      await property(route, fc.tuple(fc.constantFrom(...route.pathParams), weirdValues), 25, ([param, value]) => ({
        path: fillPath(route.path, { ...pathValues(route.path), [param]: value }),
        body,
      }), false);
    });
    tally.failures.push(...failures);
    expect(failures).toEqual([]);
  }, 120_000);

  afterAll(() => {
    console.log(
      `bad input: ${tally.requests} requests fuzzed over ${routes.length} routes (seed ${SEED}): ${tally.rejected} refused with the envelope, ` +
        `${tally.accepted} accepted, ${tally.upstream} documented upstream answers (an unreachable PSA or Stripe); ` +
        `${tally.failures.length ? `${tally.failures.length} FAILURES` : '0 lost, 0 leaked, 0 unexpected 5xx'}`,
    );
  });
});
