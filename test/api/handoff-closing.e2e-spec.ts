import type { DataSource } from 'typeorm';
import { PRIVILEGED_DATA_SOURCE } from '../../apps/api/src/core/database/data-sources.js';
import { registerOwner, type SignedIn } from '../support/identity.js';
import { createSession, SESSIONS } from '../support/sessions.js';
import { SseClient } from '../support/sse-client.js';
import { addTeammate } from '../support/team.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { until } from '../support/until.js';

interface Team {
  owner: SignedIn;
  junior: SignedIn;
  senior: SignedIn;
  senior2: SignedIn;
}

async function team(t: TestApp, accountName: string): Promise<Team> {
  const owner = await registerOwner(t.http, { accountName, name: `${accountName} Owner` });
  return {
    owner,
    junior: await addTeammate(t.http, owner.token, 'engineer', 'Jo Junior'),
    senior: await addTeammate(t.http, owner.token, 'engineer', 'Sam Senior'),
    senior2: await addTeammate(t.http, owner.token, 'engineer', 'Sky Senior'),
  };
}

interface HandoffState {
  claimed_by: string | null;
  closed_at: Date | null;
  closed_reason: string | null;
  realert_count: number;
}

describe('handoffs: resolving a session closes the escalation nobody claimed', () => {
  let t: TestApp;
  let db: DataSource;
  let a: Team;
  let b: Team;
  const streams: SseClient[] = [];

  const escalate = async (who: SignedIn, problem: string) => {
    const session = await createSession(t.http, who.token, problem);
    const res = await t.http.post(`${SESSIONS}/${session.id}/handoff`, { intent: 'escalate', reason: 'Stuck on it' }, { token: who.token });
    expect(res.status).toBe(201);
    return { sessionId: session.id, handoffId: res.body.id as string };
  };
  const resolve = (who: SignedIn, sessionId: string) => t.http.post(`${SESSIONS}/${sessionId}/resolve`, { note: 'Fixed it myself' }, { token: who.token });
  const claim = (who: SignedIn, sessionId: string, handoffId: string) =>
    t.http.post(`${SESSIONS}/${sessionId}/handoffs/${handoffId}/claim`, undefined, { token: who.token });
  const queueOf = async (who: SignedIn): Promise<string[]> =>
    (await t.http.get(`${SESSIONS}/escalations`, { token: who.token })).body.items.map((i: { sessionId: string }) => i.sessionId);
  const handoffRow = async (handoffId: string): Promise<HandoffState> =>
    (await db.query(`select claimed_by, closed_at, closed_reason, realert_count from handoffs where id = $1`, [handoffId]))[0];
  /** What the handoff's live events said about who has it (the assessment may land at any point). */
  const eventsOf = async (handoffId: string): Promise<string[]> =>
    (
      await db.query(
        `select type from outbox_events where payload->>'handoffId' = $1 and type in ('handoff_created', 'handoff_claimed', 'handoff_closed') order by id`,
        [handoffId],
      )
    ).map((r: { type: string }) => r.type);
  const stream = async (who: SignedIn) => {
    const client = await SseClient.open(`${t.baseUrl}${SESSIONS}/escalations/stream`, { authorization: `Bearer ${who.token}` });
    streams.push(client);
    await client.waitFor((e) => e.event === 'ready');
    return client;
  };

  beforeAll(async () => {
    // Re-alerts after about two seconds, so the test sees whether they come.
    t = await bootTestApp({ env: { ESCALATION_REALERT_MINUTES: '0.03' } });
    db = t.app.get(PRIVILEGED_DATA_SOURCE);
    a = await team(t, 'Alpha');
    b = await team(t, 'Bravo');
  });
  afterEach(async () => {
    await Promise.all(streams.splice(0).map((s) => s.close()));
  });
  afterAll(() => t.close());

  it('takes it off every queue, tells open queues live, and answers a stale claim 409 handoff_closed', async () => {
    const seniorStream = await stream(a.senior);
    const bravoStream = await stream(b.senior);
    const waiting = await escalate(a.junior, 'Still waiting for help');
    const solved = await escalate(a.junior, 'Solved before anyone came');
    expect(await queueOf(a.senior)).toEqual(expect.arrayContaining([waiting.sessionId, solved.sessionId]));

    const resolved = await resolve(a.junior, solved.sessionId);
    expect(resolved.status).toBe(200);
    expect(resolved.body.session).toMatchObject({ status: 'resolved', escalatedToId: null });

    const closed = await seniorStream.waitFor((e) => e.event === 'handoff_closed' && e.data.handoffId === solved.handoffId);
    expect(closed.id).toMatch(/^\d+$/);
    expect(closed.data).toEqual({ handoffId: solved.handoffId, sessionId: solved.sessionId, reason: 'session_resolved', closedAt: expect.any(String) });
    const row = await handoffRow(solved.handoffId);
    expect(row).toMatchObject({ claimed_by: null, closed_reason: 'session_resolved' });
    expect(row.closed_at!.toISOString()).toBe(closed.data.closedAt);

    for (const who of [a.senior, a.senior2, a.owner]) {
      const queue = await queueOf(who);
      expect(queue).toContain(waiting.sessionId);
      expect(queue).not.toContain(solved.sessionId);
    }

    // A teammate still showing the old card claims it.
    const stale = await claim(a.senior, solved.sessionId, solved.handoffId);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: 'handoff_closed', details: { reason: 'session_resolved', closedAt: closed.data.closedAt } });
    const legacyPath = await t.http.post(`${SESSIONS}/${solved.sessionId}/pickup`, undefined, { token: a.senior2.token });
    expect([legacyPath.status, legacyPath.body.error]).toEqual([409, 'handoff_closed']);

    expect(await handoffRow(solved.handoffId)).toMatchObject({ claimed_by: null, closed_reason: 'session_resolved' });
    const [session] = await db.query(`select status, escalated_to_id from ai_sessions where id = $1`, [solved.sessionId]);
    expect(session).toEqual({ status: 'resolved', escalated_to_id: null });
    expect(await eventsOf(solved.handoffId)).toEqual(['handoff_created', 'handoff_closed']);
    const told = await db.query(`select 1 from notifications where type = 'escalation_claimed' and data->>'handoffId' = $1`, [solved.handoffId]);
    expect(told).toHaveLength(0);
    const attempts = await db.query(`select user_id, outcome from handoff_claim_attempts where handoff_id = $1 order by id`, [solved.handoffId]);
    expect(attempts).toEqual([
      { user_id: a.senior.user.id, outcome: 'closed' },
      { user_id: a.senior2.user.id, outcome: 'closed' },
    ]);

    // The escalator reads the closed escalation back, with why.
    const read = await t.http.get(`${SESSIONS}/${solved.sessionId}/handoff`, { token: a.junior.token });
    expect(read.body).toMatchObject({ id: solved.handoffId, claimedBy: null, closedReason: 'session_resolved', closedAt: closed.data.closedAt });

    await new Promise((r) => setTimeout(r, 200));
    expect(bravoStream.events.some((e) => e.event === 'handoff_closed')).toBe(false);
  });

  it('sends no more re-alerts for a closed escalation, while an open one keeps getting them', async () => {
    const open = await escalate(a.junior, 'Re-alert control');
    const solved = await escalate(a.junior, 'Resolved before the re-alert');
    expect((await resolve(a.junior, solved.sessionId)).status).toBe(200);

    const realertJobs = (handoffId: string) =>
      db.query(`select payload->>'stage' as stage, status from jobs where queue = 'handoff.realert' and payload->>'handoffId' = $1 order by id`, [handoffId]);
    // The open one is alerted twice (everyone, then owners and admins): by then the closed one's job has long run.
    await until(() => handoffRow(open.handoffId), (row) => row.realert_count >= 2, 20_000);
    const jobs = await until(() => realertJobs(solved.handoffId), (rows) => rows.every((r: { status: string }) => r.status === 'completed'), 10_000);
    expect(jobs).toEqual([{ stage: '1', status: 'completed' }]);

    expect((await handoffRow(solved.handoffId)).realert_count).toBe(0);
    const realerts = (sessionId: string) =>
      db.query(`select user_id from notifications where type = 'escalation_realert' and data->>'sessionId' = $1`, [sessionId]);
    expect(await realerts(solved.sessionId)).toHaveLength(0);
    expect((await realerts(open.sessionId)).length).toBeGreaterThanOrEqual(3);
  });

  it('leaves a claimed escalation its claim when the session is resolved', async () => {
    const watcher = await stream(a.senior2);
    for (const resolver of ['claimer', 'owner'] as const) {
      const { sessionId, handoffId } = await escalate(a.junior, `Claimed, then resolved by the ${resolver}`);
      expect((await claim(a.senior, sessionId, handoffId)).status).toBe(200);
      const resolved = await resolve(resolver === 'claimer' ? a.senior : a.junior, sessionId);
      expect(resolved.status).toBe(200);
      expect(resolved.body.session).toMatchObject({ status: 'resolved', escalatedToId: a.senior.user.id });
      expect(await handoffRow(handoffId)).toMatchObject({ claimed_by: a.senior.user.id, closed_at: null, closed_reason: null });
      expect(await eventsOf(handoffId)).toEqual(['handoff_created', 'handoff_claimed']);
      // The claimer asking again still gets their claim back.
      const again = await claim(a.senior, sessionId, handoffId);
      expect([again.status, again.body.claimedBy?.id, again.body.closedAt]).toEqual([200, a.senior.user.id, null]);
    }
    expect(watcher.events.some((e) => e.event === 'handoff_closed')).toBe(false);
  });

  it('settles a resolve racing concurrent claims one way: claimed then resolved, or closed — never claimed after closing', async () => {
    const claimers = [a.senior, a.senior2, a.owner];
    for (let round = 0; round < 8; round++) {
      const { sessionId, handoffId } = await escalate(a.junior, `Race round ${round}`);
      // Claims start a little later each round, so some land before the resolve's lock and some after.
      const claimsAfterMs = round * 5;
      const [resolved, ...claims] = await Promise.all([
        resolve(a.junior, sessionId),
        ...claimers.map(async (who) => {
          await new Promise((r) => setTimeout(r, claimsAfterMs));
          return claim(who, sessionId, handoffId);
        }),
      ]);
      const row = await handoffRow(handoffId);
      const [session] = await db.query(`select status, escalated_to_id from ai_sessions where id = $1`, [sessionId]);
      const winners = claims.filter((c) => c.status === 200);
      const events = await eventsOf(handoffId);
      expect(claims.every((c) => c.status === 200 || c.status === 409)).toBe(true);

      if (winners.length) {
        expect(new Set(winners.map((w) => w.body.claimedBy.id)).size).toBe(1);
        const winner = winners[0]!.body.claimedBy.id;
        expect(row).toMatchObject({ claimed_by: winner, closed_at: null });
        expect(claims.filter((c) => c.status === 409).every((c) => c.body.error === 'handoff_already_claimed')).toBe(true);
        expect(events).toEqual(['handoff_created', 'handoff_claimed']);
        // The resolve saw the claim change the session and wrote its note again; the claimer stays on the session.
        expect(resolved.status).toBe(200);
        expect(session).toEqual({ status: 'resolved', escalated_to_id: winner });
      } else {
        expect(claims.map((c) => c.body.error)).toEqual(['handoff_closed', 'handoff_closed', 'handoff_closed']);
        expect(row).toMatchObject({ claimed_by: null, closed_reason: 'session_resolved' });
        expect(events).toEqual(['handoff_created', 'handoff_closed']);
        expect(resolved.status).toBe(200);
        expect(session).toEqual({ status: 'resolved', escalated_to_id: null });
      }
    }
  });
});
