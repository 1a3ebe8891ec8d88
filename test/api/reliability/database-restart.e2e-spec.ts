import { DedicatedPostgres } from '../../support/dedicated-postgres.js';
import { registerOwner, type SignedIn } from '../../support/identity.js';
import { envelopeProblem, send, type RawAnswer } from '../../support/openapi.js';
import { SESSIONS } from '../../support/sessions.js';
import { SseClient, type SseEvent } from '../../support/sse-client.js';
import { addTeammate } from '../../support/team.js';
import { bootTestApp, type TestApp } from '../../support/test-app.js';

interface Outcome {
  at: number;
  route: string;
  status: number;
  ms: number;
  problem: string | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('PostgreSQL restarted under load', () => {
  const database = new DedicatedPostgres();
  let t: TestApp;
  let junior: SignedIn;
  let senior: SignedIn;

  const escalate = async (problem: string): Promise<string> => {
    const session = await t.http.post(SESSIONS, { problemSummary: problem }, { token: junior.token });
    const handoff = await t.http.post(`${SESSIONS}/${session.body.id}/handoff`, { intent: 'escalate', reason: problem }, { token: junior.token });
    expect([session.status, handoff.status]).toEqual([201, 201]);
    return session.body.id;
  };
  const stream = async (headers: Record<string, string> = {}) => {
    const client = await SseClient.open(`${t.baseUrl}${SESSIONS}/escalations/stream`, { authorization: `Bearer ${senior.token}`, ...headers });
    await client.waitFor((e) => e.event === 'ready');
    return client;
  };
  const created = (client: SseClient) => client.events.filter((e: SseEvent) => e.event === 'handoff_created').map((e) => e.data.sessionId as string);

  beforeAll(async () => {
    await database.init();
    const url = await database.createMigratedDatabase('rf_restart');
    t = await bootTestApp({ database: { url, name: 'rf_restart', drop: async () => undefined } });
    const owner = await registerOwner(t.http);
    [junior, senior] = await Promise.all([addTeammate(t.http, owner.token, 'engineer', 'Jo Junior'), addTeammate(t.http, owner.token, 'engineer', 'Sam Senior')]);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await database.destroy();
  }, 30_000);

  it('answers 503 fast while the database is down, recovers on its own, and streams resume without a gap or a duplicate', async () => {
    const stayer = await stream();
    const resumer = await stream();
    const before = await escalate('Before the outage');
    await Promise.all([stayer, resumer].map((c) => c.waitFor((e) => e.event === 'handoff_created' && e.data.sessionId === before)));

    // Load: a few clients reading /auth/me and creating sessions as fast as they can.
    const outcomes: Outcome[] = [];
    let loading = true;
    const started = Date.now();
    const clients = Array.from({ length: 4 }, async (_, i) => {
      while (loading) {
        const route = i % 2 ? 'GET /auth/me' : 'POST /ai-sessions';
        const res: RawAnswer = i % 2
          ? await send(t.baseUrl, { method: 'GET', path: '/api/v1/auth/me', token: junior.token, timeoutMs: 20_000 })
          : await send(t.baseUrl, { method: 'POST', path: SESSIONS, token: junior.token, body: { problemSummary: `Load ${i}` }, timeoutMs: 20_000 });
        outcomes.push({ at: Date.now() - started, route, status: res.status, ms: res.ms, problem: res.status >= 400 ? envelopeProblem(res) : null });
        await sleep(20);
      }
    });
    await sleep(500);

    // Down: a fast shutdown cuts every connection, the LISTEN one included. One stream client drops with it.
    const downAt = Date.now() - started;
    const lastSeen = resumer.events.filter((e) => e.id).at(-1)!.id!;
    await Promise.all([database.stop(), resumer.close()]);
    const readiness: { status: number; ms: number }[] = [];
    for (let i = 0; i < 5; i++) {
      const ready = await send(t.baseUrl, { method: 'GET', path: '/api/v1/health/ready', timeoutMs: 10_000 });
      readiness.push({ status: ready.status, ms: ready.ms });
      await sleep(300);
    }
    expect(readiness.every((r) => r.status === 503 && r.ms < 3_000)).toBe(true);

    const upAt = Date.now() - started;
    await database.start();
    // Nobody restarts the API: it notices by itself.
    let recoveredAt = -1;
    for (let i = 0; i < 100 && recoveredAt < 0; i++) {
      if ((await send(t.baseUrl, { method: 'GET', path: '/api/v1/health/ready' })).status === 200) recoveredAt = Date.now() - started;
      else await sleep(100);
    }
    expect(recoveredAt).toBeGreaterThan(0);

    // Events committed right after recovery, before the API's LISTEN connection is back, and later.
    const after = [await escalate('Right after recovery'), await escalate('A moment later')];
    await sleep(2_500);
    after.push(await escalate('Once everything settled'));
    loading = false;
    await Promise.all(clients);

    const resumed = await stream({ 'last-event-id': lastSeen });
    await resumed.waitFor((e) => e.event === 'handoff_created' && e.data.sessionId === after[2], 10_000);
    await stayer.waitFor((e) => e.event === 'handoff_created' && e.data.sessionId === after[2], 10_000);
    await sleep(300);
    // Exactly the events after the last one each client had, in order, once.
    expect(created(resumed)).toEqual(after);
    expect(created(stayer)).toEqual([before, ...after]);
    for (const client of [stayer, resumed]) {
      const ids = client.events.filter((e) => e.event !== 'ready' && e.id).map((e) => e.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
    await Promise.all([stayer.close(), resumed.close()]);

    // Meanwhile: no request hung, every failure was the 503 envelope, and the load succeeded again after recovery.
    const failures = outcomes.filter((o) => o.status >= 400);
    expect(outcomes.filter((o) => o.ms > 6_000)).toEqual([]);
    expect(failures.filter((o) => o.status !== 503 || o.problem)).toEqual([]);
    expect(failures.length).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o.at > recoveredAt && o.status < 300).length).toBeGreaterThan(4);
    console.log(
      `database restart: ${outcomes.length} requests under load, ${failures.length} answered 503 while down ` +
        `(slowest ${Math.round(Math.max(...outcomes.map((o) => o.ms)))} ms); down at ${downAt} ms, restarted at ${upAt} ms, ready again at ${recoveredAt} ms; ` +
        `${after.length} events after recovery reached both streams once; 0 lost, 0 leaked, 0 500s`,
    );
  }, 90_000);
});
