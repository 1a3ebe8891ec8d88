import type { DataSource } from 'typeorm';
import { PRIVILEGED_DATA_SOURCE } from '../../apps/api/src/core/database/data-sources.js';
import { AnthropicStandIn } from '../support/anthropic-stand-in.js';
import { HttpStandIn } from '../support/http-stand-in.js';
import { registerOwner, type SignedIn } from '../support/identity.js';
import { createSession, lapseSubscription, SESSIONS } from '../support/sessions.js';
import { SmtpCapture } from '../support/smtp-capture.js';
import { SseClient } from '../support/sse-client.js';
import { addTeammate } from '../support/team.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { until } from '../support/until.js';

interface Team {
  owner: SignedIn;
  junior: SignedIn;
  senior: SignedIn;
  senior2: SignedIn;
  viewer: SignedIn;
}

async function team(t: TestApp, accountName: string): Promise<Team> {
  const owner = await registerOwner(t.http, { accountName, name: `${accountName} Owner` });
  return {
    owner,
    junior: await addTeammate(t.http, owner.token, 'engineer', 'Jo Junior'),
    senior: await addTeammate(t.http, owner.token, 'engineer', 'Sam Senior'),
    senior2: await addTeammate(t.http, owner.token, 'engineer', 'Sky Senior'),
    viewer: await addTeammate(t.http, owner.token, 'viewer', 'Vic Viewer'),
  };
}

describe('handoffs: escalate, notify, claim, queue, live stream', () => {
  const smtp = new SmtpCapture();
  const slack = new HttpStandIn(() => ({ status: 200, body: 'ok' }));
  let t: TestApp;
  let db: DataSource;
  let a: Team;
  let b: Team;
  const streams: SseClient[] = [];

  const escalate = async (who: SignedIn, body: Record<string, unknown> = {}, problem = 'Printer offline on the second floor') => {
    const session = await createSession(t.http, who.token, problem);
    const res = await t.http.post(`${SESSIONS}/${session.id}/handoff`, { intent: 'escalate', reason: 'Tried the spooler, no luck', ...body }, { token: who.token });
    return { session, res };
  };
  const stream = async (who: SignedIn, headers: Record<string, string> = {}, app: TestApp = t) => {
    const client = await SseClient.open(`${app.baseUrl}${SESSIONS}/escalations/stream`, { authorization: `Bearer ${who.token}`, ...headers });
    streams.push(client);
    await client.waitFor((e) => e.event === 'ready');
    return client;
  };

  beforeAll(async () => {
    await smtp.start();
    await slack.start();
    t = await bootTestApp({ env: { SMTP_URL: smtp.url, ESCALATION_REALERT_MINUTES: '0.03' } });
    db = t.app.get(PRIVILEGED_DATA_SOURCE);
    a = await team(t, 'Alpha');
    b = await team(t, 'Bravo');
  });
  afterEach(async () => {
    await Promise.all(streams.splice(0).map((s) => s.close()));
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
    await slack.stop();
  });

  it('escalates in one go: handoff, escalated session, notifications for responders only, email, chat, live events', async () => {
    await t.http.put('/api/v1/accounts/integrations', { slackWebhookUrl: `${slack.url}/hooks/alpha` }, { token: a.owner.token });
    const seniorStream = await stream(a.senior);
    const { session, res } = await escalate(a.junior, {}, 'x'.repeat(90));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      sessionId: session.id,
      intent: 'escalate',
      reason: 'Tried the spooler, no luck',
      claimedBy: null,
      claimedAt: null,
      assessmentStatus: 'pending',
      escalatedBy: { id: a.junior.user.id, name: 'Jo Junior' },
    });
    const detail = await t.http.get(`${SESSIONS}/${session.id}`, { token: a.junior.token });
    expect(detail.body).toMatchObject({ status: 'escalated', escalationReason: 'Tried the spooler, no luck' });
    expect(detail.body.escalationPackage.problemSummary).toBe('x'.repeat(90));

    const created = await seniorStream.waitFor((e) => e.event === 'handoff_created' && e.data.sessionId === session.id);
    expect(created.id).toMatch(/^\d+$/);
    expect(created.data).toMatchObject({ handoffId: res.body.id, stepCount: expect.any(Number), escalatedBy: { name: 'Jo Junior' } });
    const note = await seniorStream.waitFor((e) => e.event === 'notification_created' && e.data.data.sessionId === session.id);
    expect(note.data.title).toBe(`Escalation from Jo Junior: ${'x'.repeat(70)}…`);
    expect(note.data.link).toBe(`/pilot/${session.id}?pickup=true`);

    const recipients: { user_id: string }[] = await db.query(
      `select user_id from notifications where type = 'escalation' and data->>'sessionId' = $1`,
      [session.id],
    );
    expect(recipients.map((r) => r.user_id).sort()).toEqual([a.owner.user.id, a.senior.user.id, a.senior2.user.id].sort());

    await smtp.waitFor((m) => m.to.includes(a.senior.email) && m.subject.startsWith('Escalation from Jo Junior'));
    const chat = await slack.waitFor((r) => r.path === '/hooks/alpha');
    expect((chat.body as { text: string }).text).toContain('Escalation from Jo Junior');
    const assessment = await seniorStream.waitFor((e) => e.event === 'handoff_assessment_ready' && e.data.handoffId === res.body.id);
    expect(assessment.data.assessmentStatus).toBe('ready');
    expect(assessment.data.assessment.suggestedSteps.length).toBeGreaterThan(0);
  });

  it('parks without telling anyone', async () => {
    const session = await createSession(t.http, a.junior.token);
    const res = await t.http.post(`${SESSIONS}/${session.id}/handoff`, { intent: 'park', reason: 'Waiting on the vendor' }, { token: a.junior.token });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ intent: 'park', assessmentStatus: 'not_applicable' });
    expect((await t.http.get(`${SESSIONS}/${session.id}`, { token: a.junior.token })).body.status).toBe('parked');
    const notes = await db.query(`select 1 from notifications where data->>'sessionId' = $1`, [session.id]);
    expect(notes).toHaveLength(0);
  });

  it('refuses self-targets, other people’s sessions, other accounts, and unacknowledged open fixes', async () => {
    const session = await createSession(t.http, a.junior.token);
    const url = `${SESSIONS}/${session.id}/handoff`;
    const self = await t.http.post(url, { intent: 'escalate', reason: 'r', targetUserId: a.junior.user.id }, { token: a.junior.token });
    expect([self.status, self.body.error]).toEqual([422, 'cannot_target_self']);
    const viewerTarget = await t.http.post(url, { intent: 'escalate', reason: 'r', targetUserId: a.viewer.user.id }, { token: a.junior.token });
    expect([viewerTarget.status, viewerTarget.body.error]).toEqual([422, 'invalid_target']);
    expect((await t.http.post(url, { intent: 'escalate', reason: 'r' }, { token: a.senior.token })).status).toBe(403);
    const foreign = await t.http.post(url, { intent: 'escalate', reason: 'r' }, { token: b.owner.token });
    expect([foreign.status, foreign.body.error]).toEqual([404, 'not_found']);

    const fix = await t.http.post(`${SESSIONS}/${session.id}/fixes`, { title: 'Restart spooler', description: 'net stop/start' }, { token: a.junior.token });
    await t.http.patch(`${SESSIONS}/${session.id}/fixes/${fix.body.id}/outcome`, { outcome: 'applied_pending', reason: 'User reboots tonight' }, { token: a.junior.token });
    const blocked = await t.http.post(url, { intent: 'escalate', reason: 'r' }, { token: a.junior.token });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error).toBe('fix_outcome_required');
    expect(blocked.body.details.fixes).toEqual([{ id: fix.body.id, title: 'Restart spooler', status: 'applied_pending' }]);
    const acknowledged = await t.http.post(url, { intent: 'escalate', reason: 'r', acknowledgeOpenFixes: true }, { token: a.junior.token });
    expect(acknowledged.status).toBe(201);
    const twice = await t.http.post(url, { intent: 'escalate', reason: 'again', acknowledgeOpenFixes: true }, { token: a.junior.token });
    expect([twice.status, twice.body.error]).toEqual([409, 'session_already_escalated']);
  });

  it('lets exactly one of 20 concurrent claimers win; the others hear who did', async () => {
    const { session, res } = await escalate(a.junior);
    const url = `${SESSIONS}/${session.id}/handoffs/${res.body.id}/claim`;
    const claimers = [a.senior, a.senior2, a.owner];
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => t.http.post(url, undefined, { token: claimers[i % 3]!.token })));
    const winners = answers.filter((r) => r.status === 200);
    const losers = answers.filter((r) => r.status === 409);
    const winnerIds = new Set(winners.map((w) => w.body.claimedBy.id));
    // One person wins; their own repeated attempts are idempotent 200s, everyone else's are 409s.
    expect(winnerIds.size).toBe(1);
    const winnerId = [...winnerIds][0];
    const winner = claimers.find((c) => c.user.id === winnerId)!;
    expect(winners.length + losers.length).toBe(20);
    for (const loser of losers) {
      expect(loser.body.error).toBe('handoff_already_claimed');
      expect(loser.body.details.claimedBy).toEqual({ id: winner.user.id, name: winner.user.name });
      expect(loser.body.details.claimedAt).toEqual(winners[0]!.body.claimedAt);
    }
    const [claimed] = await db.query(`select claimed_by from handoffs where id = $1`, [res.body.id]);
    expect(claimed.claimed_by).toBe(winner.user.id);
    const detail = await t.http.get(`${SESSIONS}/${session.id}`, { token: winner.token });
    expect(detail.body.escalatedToId).toBe(winner.user.id);
    const attempts = await db.query(`select outcome, count(*)::int as n from handoff_claim_attempts where handoff_id = $1 group by outcome`, [res.body.id]);
    expect(attempts.find((r: { outcome: string }) => r.outcome === 'won').n).toBe(1);
    expect(attempts.reduce((sum: number, r: { n: number }) => sum + r.n, 0)).toBe(20);
  });

  it('keeps the claim for engineers of the account who did not escalate', async () => {
    const { session, res } = await escalate(a.junior);
    const url = `${SESSIONS}/${session.id}/handoffs/${res.body.id}/claim`;
    const viewer = await t.http.post(url, undefined, { token: a.viewer.token });
    expect([viewer.status, viewer.body.error]).toEqual([403, 'forbidden']);
    const own = await t.http.post(url, undefined, { token: a.junior.token });
    expect([own.status, own.body.error]).toEqual([403, 'cannot_claim_own_handoff']);
    const foreign = await t.http.post(url, undefined, { token: b.senior.token });
    expect([foreign.status, foreign.body.error]).toEqual([404, 'not_found']);
    const first = await t.http.post(url, undefined, { token: a.senior.token });
    const again = await t.http.post(url, undefined, { token: a.senior.token });
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.body.claimedAt).toBe(first.body.claimedAt);
  });

  it('reads a session’s escalation back, with its assessment, for whoever may read the session', async () => {
    const { session, res } = await escalate(a.junior, {}, 'Read me back');
    await until(
      () => t.http.get(`${SESSIONS}/${session.id}/handoff`, { token: a.senior.token }),
      (r) => r.body.assessmentStatus === 'ready',
      10_000,
    );
    const read = await t.http.get(`${SESSIONS}/${session.id}/handoff`, { token: a.senior.token });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: res.body.id, sessionId: session.id, assessment: { suggestedSteps: expect.any(Array) } });
    expect((await t.http.get(`${SESSIONS}/${session.id}/handoff`, { token: b.owner.token })).status).toBe(404);
    const quiet = await createSession(t.http, a.junior.token, 'Never escalated');
    expect((await t.http.get(`${SESSIONS}/${quiet.id}/handoff`, { token: a.junior.token })).status).toBe(404);
    const attempts = await db.query(`select count(*)::int as n from handoff_claim_attempts where handoff_id = $1`, [res.body.id]);
    expect(attempts[0].n).toBe(0);
  });

  it('lists open escalations of my account, not mine, not other accounts', async () => {
    const { session } = await escalate(a.junior, {}, 'Queue check: VPN drops');
    const { session: bravo } = await escalate(b.junior, {}, 'Bravo only');
    const seniors = await t.http.get(`${SESSIONS}/escalations`, { token: a.senior.token });
    expect(seniors.status).toBe(200);
    const card = seniors.body.items.find((i: { sessionId: string }) => i.sessionId === session.id);
    expect(card).toMatchObject({ problemSummary: 'Queue check: VPN drops', reason: 'Tried the spooler, no luck', claimedBy: null, stepCount: expect.any(Number) });
    expect(seniors.body.items.some((i: { sessionId: string }) => i.sessionId === bravo.id)).toBe(false);
    const mine = await t.http.get(`${SESSIONS}/escalations`, { token: a.junior.token });
    expect(mine.body.items.some((i: { sessionId: string }) => i.sessionId === session.id)).toBe(false);
    expect((await t.http.get(`${SESSIONS}/escalations`, { token: a.viewer.token })).status).toBe(403);
  });

  it('lists and picks up a legacy request for escalation without a handoff row', async () => {
    const session = await createSession(t.http, a.junior.token, 'Legacy request');
    await db.query(`update ai_sessions set status = 'requesting_escalation', escalation_reason = 'old client' where id = $1`, [session.id]);
    const queue = await t.http.get(`${SESSIONS}/escalations`, { token: a.senior.token });
    expect(queue.body.items.find((i: { sessionId: string }) => i.sessionId === session.id)).toMatchObject({ handoffId: null, reason: 'old client' });
    const picked = await t.http.post(`${SESSIONS}/${session.id}/pickup`, undefined, { token: a.senior.token });
    expect(picked.status).toBe(200);
    expect(picked.body.claimedBy.id).toBe(a.senior.user.id);
    const second = await t.http.post(`${SESSIONS}/${session.id}/pickup`, undefined, { token: a.senior2.token });
    expect([second.status, second.body.error]).toEqual([409, 'handoff_already_claimed']);
  });

  it('streams only my account’s events and replays exactly what I missed', async () => {
    const mine = await stream(a.senior);
    const theirs = await stream(b.senior);
    const { session } = await escalate(a.junior, {}, 'Replay anchor');
    const anchor = await mine.waitFor((e) => e.event === 'handoff_created' && e.data.sessionId === session.id);
    await mine.close();
    const { session: missed1 } = await escalate(a.junior, {}, 'Missed one');
    const { session: missed2 } = await escalate(a.junior, {}, 'Missed two');
    const resumed = await stream(a.senior, { 'last-event-id': anchor.id! });
    await resumed.waitFor((e) => e.event === 'handoff_created' && e.data.sessionId === missed2.id);
    const { session: live } = await escalate(a.junior, {}, 'Live after resume');
    await resumed.waitFor((e) => e.event === 'handoff_created' && e.data.sessionId === live.id);
    const created = resumed.events.filter((e) => e.event === 'handoff_created').map((e) => e.data.sessionId);
    expect(created).toEqual([missed1.id, missed2.id, live.id]);
    const ids = resumed.events.filter((e) => e.id).map((e) => BigInt(e.id!));
    expect(new Set(ids).size).toBe(ids.length);
    const replayedIds = resumed.events.filter((e) => e.event !== 'ready').map((e) => BigInt(e.id!));
    expect(replayedIds.every((id) => id > BigInt(anchor.id!))).toBe(true);
    expect(resumed.events[0]).toMatchObject({ event: 'ready', id: anchor.id });
    await new Promise((r) => setTimeout(r, 200));
    expect(theirs.events.some((e) => e.event === 'handoff_created' && [session.id, missed1.id, live.id].includes(e.data.sessionId))).toBe(false);
  });

  it('re-alerts an unclaimed escalation and stops once it is claimed', async () => {
    const { session, res } = await escalate(a.junior, {}, 'Nobody picks this up');
    const { session: claimedSession, res: claimedRes } = await escalate(a.junior, {}, 'Picked up at once');
    await t.http.post(`${SESSIONS}/${claimedSession.id}/handoffs/${claimedRes.body.id}/claim`, undefined, { token: a.senior.token });
    const realerts = (sessionId: string) =>
      db.query(`select user_id from notifications where type = 'escalation_realert' and data->>'sessionId' = $1`, [sessionId]);
    await until(() => realerts(session.id), (rows) => rows.length >= 3, 10_000);
    const [row] = await db.query(`select realert_count from handoffs where id = $1`, [res.body.id]);
    expect(row.realert_count).toBeGreaterThanOrEqual(1);
    expect(await realerts(claimedSession.id)).toHaveLength(0);
  });

  describe('choosing whom to escalate to', () => {
    const TARGETS = `${SESSIONS}/escalation-targets`;
    let c: Team & { admin: SignedIn; removed: SignedIn };

    beforeAll(async () => {
      const base = await team(t, 'Charlie');
      c = {
        ...base,
        admin: await addTeammate(t.http, base.owner.token, 'admin', 'Ada Admin'),
        removed: await addTeammate(t.http, base.owner.token, 'engineer', 'Rex Removed'),
      };
      expect((await t.http.delete(`/api/v1/accounts/members/${c.removed.user.id}`, { token: c.owner.token })).status).toBe(204);
    });

    it('lists the active engineers, admins and owners of my account, not me, by name, without emails', async () => {
      const person = (who: SignedIn, role: string) => ({ id: who.user.id, name: who.user.name, role });
      const forJunior = await t.http.get(TARGETS, { token: c.junior.token });
      expect(forJunior.status).toBe(200);
      expect(forJunior.body).toEqual({
        items: [person(c.admin, 'admin'), person(c.owner, 'owner'), person(c.senior, 'engineer'), person(c.senior2, 'engineer')],
      });
      expect(forJunior.text).not.toContain('@');

      const forOwner = await t.http.get(TARGETS, { token: c.owner.token });
      expect(forOwner.body.items.map((i: { name: string }) => i.name)).toEqual(['Ada Admin', 'Jo Junior', 'Sam Senior', 'Sky Senior']);
      // Bravo has people of the same names: ids tell the accounts apart.
      const forBravo = await t.http.get(TARGETS, { token: b.junior.token });
      const bravoIds = forBravo.body.items.map((i: { id: string }) => i.id);
      expect(bravoIds.sort()).toEqual([b.owner.user.id, b.senior.user.id, b.senior2.user.id].sort());

      const viewer = await t.http.get(TARGETS, { token: c.viewer.token });
      expect([viewer.status, viewer.body.error]).toEqual([403, 'forbidden']);
    });

    it('refuses a target who is not one of them with 422 invalid_target, changing nothing, and carries a valid one to the queue', async () => {
      const session = await createSession(t.http, c.junior.token, 'Targeted: file share slow');
      const url = `${SESSIONS}/${session.id}/handoff`;
      const sendTo = (targetUserId: string) => t.http.post(url, { intent: 'escalate', reason: 'Need a hand', targetUserId }, { token: c.junior.token });

      const foreign = await sendTo(b.senior.user.id);
      const nobody = await sendTo(crypto.randomUUID());
      for (const refused of [foreign, nobody, await sendTo(c.viewer.user.id), await sendTo(c.removed.user.id)]) {
        expect([refused.status, refused.body.error]).toEqual([422, 'invalid_target']);
      }
      // Another account's user is indistinguishable from an id that exists nowhere.
      expect(foreign.body).toEqual(nobody.body);
      expect((await t.http.get(`${SESSIONS}/${session.id}`, { token: c.junior.token })).body.status).toBe('active');

      const sent = await sendTo(c.senior.user.id);
      expect(sent.status).toBe(201);
      expect(sent.body.targetUserId).toBe(c.senior.user.id);
      // A target is a hint, not a restriction: every responder still sees the card, with the target on it.
      for (const who of [c.senior, c.senior2]) {
        const queue = await t.http.get(`${SESSIONS}/escalations`, { token: who.token });
        expect(queue.body.items.find((i: { sessionId: string }) => i.sessionId === session.id)).toMatchObject({ targetUserId: c.senior.user.id });
      }
    });

    it('answers 402 subscription_required once the account lapses', async () => {
      await lapseSubscription(t, c.owner.user.account.id);
      const lapsed = await t.http.get(TARGETS, { token: c.junior.token });
      expect([lapsed.status, lapsed.body.error]).toEqual([402, 'subscription_required']);
    });
  });
});

describe('handoffs: failures outside the product never undo an escalation', () => {
  const smtp = new SmtpCapture();
  const anthropic = new AnthropicStandIn();
  let t: TestApp;
  let db: DataSource;
  let owner: SignedIn;
  let junior: SignedIn;
  let senior: SignedIn;

  beforeAll(async () => {
    await smtp.start();
    await anthropic.start();
    t = await bootTestApp({
      env: {
        SMTP_URL: smtp.url,
        ANTHROPIC_API_KEY: 'sk-ant-test-key',
        ANTHROPIC_BASE_URL: anthropic.url,
        ESCALATION_AI_ASSESSMENT_TIMEOUT_SECONDS: '1',
        ESCALATION_PACKAGE_TIMEOUT_SECONDS: '1',
        AI_MAX_RETRIES: '0',
      },
    });
    db = t.app.get(PRIVILEGED_DATA_SOURCE);
    owner = await registerOwner(t.http);
    junior = await addTeammate(t.http, owner.token, 'engineer', 'Jo Junior');
    senior = await addTeammate(t.http, owner.token, 'engineer', 'Sam Senior');
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
    await anthropic.stop();
  });

  it('escalates while SMTP is down and delivers the email once it is back, with the attempts on record', async () => {
    await smtp.setFailure('down');
    const session = await createSession(t.http, junior.token);
    const res = await t.http.post(`${SESSIONS}/${session.id}/handoff`, { intent: 'escalate', reason: 'SMTP outage test' }, { token: junior.token });
    expect(res.status).toBe(201);
    const delivery = () => db.query(`select status, attempts from deliveries where target = $1 and purpose = 'escalation'`, [senior.email]);
    await until(delivery, (rows) => rows[0]?.attempts >= 2, 10_000);
    await smtp.setFailure('none');
    await smtp.waitFor((m) => m.to.includes(senior.email), 10_000);
    const [done] = await until(delivery, (rows) => rows[0]?.status === 'delivered', 10_000);
    expect(done.attempts).toBeGreaterThanOrEqual(3);
  });

  it('stores the assessment the AI provider returns, and marks it unavailable when the provider times out', async () => {
    const live = await SseClient.open(`${t.baseUrl}${SESSIONS}/escalations/stream`, { authorization: `Bearer ${senior.token}` });
    try {
      anthropic.fallback = () => ({
        tools: [
          {
            name: 'record_assessment',
            input: { summary: 'Spooler crash', likelyCause: 'Bad driver', suggestedSteps: ['Roll back the driver'], confidenceTier: 'medium' },
          },
        ],
      });
      const ok = await createSession(t.http, junior.token);
      const okHandoff = await t.http.post(`${SESSIONS}/${ok.id}/handoff`, { intent: 'escalate', reason: 'assess me' }, { token: junior.token });
      const ready = await live.waitFor((e) => e.event === 'handoff_assessment_ready' && e.data.handoffId === okHandoff.body.id, 10_000);
      expect(ready.data).toMatchObject({ assessmentStatus: 'ready', assessment: { suggestedSteps: ['Roll back the driver'], confidenceTier: 'medium' } });

      await anthropic.hang(true);
      const slow = await createSession(t.http, junior.token);
      const slowHandoff = await t.http.post(`${SESSIONS}/${slow.id}/handoff`, { intent: 'escalate', reason: 'too slow' }, { token: junior.token });
      expect(slowHandoff.status).toBe(201);
      const unavailable = await live.waitFor((e) => e.event === 'handoff_assessment_ready' && e.data.handoffId === slowHandoff.body.id, 15_000);
      expect(unavailable.data).toMatchObject({ assessmentStatus: 'unavailable', assessment: null });
    } finally {
      await anthropic.hang(false);
      await live.close();
    }
  });

  it('delivers an event committed on one API process to a stream on another', async () => {
    const second = await bootTestApp({ shareDatabaseWith: t, env: { SMTP_URL: smtp.url } });
    try {
      const live = await SseClient.open(`${t.baseUrl}${SESSIONS}/escalations/stream`, { authorization: `Bearer ${senior.token}` });
      await live.waitFor((e) => e.event === 'ready');
      const session = await createSession(second.http, junior.token);
      const res = await second.http.post(`${SESSIONS}/${session.id}/handoff`, { intent: 'escalate', reason: 'cross-process' }, { token: junior.token });
      const seen = await live.waitFor((e) => e.event === 'handoff_created' && e.data.handoffId === res.body.id);
      expect(seen.data.sessionId).toBe(session.id);
      await live.close();
    } finally {
      await second.close();
    }
  });
});
