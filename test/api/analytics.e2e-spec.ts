import type { EscalationMetrics, EscalationMetricsDay } from '@resolutionflow/contracts';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { PRIVILEGED_DATA_SOURCE } from '../../apps/api/src/core/database/data-sources.js';
import { registerOwner, type SignedIn } from '../support/identity.js';
import { createSession, lapseSubscription, SESSIONS } from '../support/sessions.js';
import { addTeammate } from '../support/team.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

const METRICS = '/api/v1/analytics/flowpilot/escalations';
const DAY_MS = 86_400_000;

/** An account whose owner escalates and whose engineer picks up. */
interface Crew {
  accountId: string;
  owner: SignedIn;
  senior: SignedIn;
}

type StepRole = 'engineer' | 'assistant' | 'system';

interface EscalationFixture {
  crew: Crew;
  createdAt: Date;
  /** Claimed by the crew's senior at this instant; unclaimed when absent. */
  claimedAt?: Date;
  intent?: 'escalate' | 'park';
  /** Written in this order (their `sequence`), whatever their timestamps say. */
  steps?: { role: StepRole; by?: string; at: Date; accountId?: string }[];
}

const seconds = (from: Date, s: number) => new Date(from.getTime() + s * 1000);
const utcDate = (d: Date) => d.toISOString().slice(0, 10);

describe('analytics: escalation metrics', () => {
  let t: TestApp;
  let db: DataSource;

  const crew = async (accountName: string): Promise<Crew> => {
    const owner = await registerOwner(t.http, { accountName, name: `${accountName} Owner` });
    const senior = await addTeammate(t.http, owner.token, 'engineer', `${accountName} Senior`);
    return { accountId: owner.user.account.id, owner, senior };
  };

  /** Session, handoff and steps written directly, for timestamps to the millisecond. */
  const escalation = async (f: EscalationFixture): Promise<{ sessionId: string; handoffId: string }> => {
    const sessionId = randomUUID();
    const handoffId = randomUUID();
    const intent = f.intent ?? 'escalate';
    const claimedBy = f.claimedAt ? f.crew.senior.user.id : null;
    await db.query(
      `insert into ai_sessions (id, account_id, owner_id, problem_summary, status, escalated_to_id, created_at, updated_at)
       values ($1, $2, $3, 'Shared mailbox will not open', $4, $5, $6, $6)`,
      [sessionId, f.crew.accountId, f.crew.owner.user.id, intent === 'park' ? 'parked' : 'escalated', claimedBy, seconds(f.createdAt, -600)],
    );
    await db.query(
      `insert into handoffs (id, account_id, session_id, intent, reason, created_by, claimed_by, claimed_at, assessment_status, created_at)
       values ($1, $2, $3, $4, 'Out of ideas', $5, $6, $7, 'not_applicable', $8)`,
      [handoffId, f.crew.accountId, sessionId, intent, f.crew.owner.user.id, claimedBy, f.claimedAt ?? null, f.createdAt],
    );
    for (const [index, step] of (f.steps ?? []).entries()) {
      await db.query(
        `insert into session_steps (account_id, session_id, sequence, role, author_id, content, created_at)
         values ($1, $2, $3, $4, $5, 'step', $6)`,
        [step.accountId ?? f.crew.accountId, sessionId, index + 1, step.role, step.role === 'engineer' ? step.by : null, step.at],
      );
    }
    return { sessionId, handoffId };
  };

  const metrics = async (who: SignedIn, period = '30d') => {
    const res = await t.http.get<EscalationMetrics>(`${METRICS}?period=${period}`, { token: who.token });
    expect(res.status).toBe(200);
    return res.body;
  };

  const dayOf = (body: EscalationMetrics, date: string): EscalationMetricsDay => {
    const day = body.daily.find((d) => d.date === date);
    if (!day) throw new Error(`no ${date} in the daily series`);
    return day;
  };

  const emptyDay = { nEscalations: 0, nClaimed: 0, medianTimeToClaimSeconds: null, medianTimeToFirstActionSeconds: null };

  beforeAll(async () => {
    t = await bootTestApp();
    db = t.app.get(PRIVILEGED_DATA_SOURCE);
  });
  afterAll(async () => {
    await t.close();
  });

  it('measures claim → the claimer’s first step, time to claim, and the day they happened on', async () => {
    const c = await crew('Alpha');
    const senior = c.senior.user.id;
    const owner = c.owner.user.id;
    // Noon UTC three days ago: every fixture below lands on that one UTC day, well inside 30 days.
    const noon = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS - 3 * DAY_MS + 12 * 3_600_000);
    const raisedAt = (i: number) => seconds(noon, i * 1000);

    // [raised → claimed seconds, claim → claimer's first step seconds]
    const worked: [number, number][] = [
      [60, 5],
      [120, 10],
      [180, 20],
      [240, 40],
      [300, 80],
      [600, 300],
    ];
    for (const [i, [toClaim, toAction]] of worked.entries()) {
      const createdAt = raisedAt(i);
      const claimedAt = seconds(createdAt, toClaim);
      await escalation({
        crew: c,
        createdAt,
        claimedAt,
        steps: [
          // The claimer worked this session before it was escalated: not an answer to this escalation.
          ...(i === 5 ? [{ role: 'engineer' as const, by: senior, at: seconds(createdAt, -120) }] : []),
          { role: 'engineer', by: owner, at: seconds(createdAt, -60) },
          // After the claim but not the claimer: the escalator still typing, the assistant, a system note.
          { role: 'engineer', by: owner, at: seconds(claimedAt, 1) },
          { role: 'assistant', at: seconds(claimedAt, 2) },
          { role: 'system', at: seconds(claimedAt, 3) },
          { role: 'engineer', by: senior, at: seconds(claimedAt, toAction) },
          { role: 'engineer', by: senior, at: seconds(claimedAt, toAction + 100) },
        ],
      });
    }
    // Claimed 30 s after it was raised, and the claimer has not written yet (others have).
    const idle = raisedAt(6);
    await escalation({
      crew: c,
      createdAt: idle,
      claimedAt: seconds(idle, 30),
      steps: [
        { role: 'engineer', by: owner, at: seconds(idle, 40) },
        { role: 'assistant', at: seconds(idle, 41) },
      ],
    });
    // Still waiting, and a park: neither has a claim; the park is not an escalation at all.
    await escalation({ crew: c, createdAt: raisedAt(7) });
    await escalation({ crew: c, createdAt: raisedAt(8), intent: 'park', steps: [{ role: 'engineer', by: owner, at: raisedAt(8) }] });

    const body = await metrics(c.owner, '30d');
    /*
     * Time to first action, claimed escalations with an action: 5, 10, 20, 40, 80, 300 (n = 6).
     *   avg    = 455 / 6 = 75.8333… → 75.833
     *   median = percentile_cont(0.5):  rank 0.5 × (6 − 1) = 2.5  → 20 + 0.5 × (40 − 20)   = 30
     *   p95    = percentile_cont(0.95): rank 0.95 × (6 − 1) = 4.75 → 80 + 0.75 × (300 − 80) = 245
     * Claimed: those 6 plus the idle one = 7.
     */
    expect(body).toMatchObject({
      period: '30d',
      nHandoffsClaimed: 7,
      nHandoffsWithAction: 6,
      avgSeconds: 75.833,
      medianSeconds: 30,
      p95Seconds: 245,
    });
    /*
     * Time to claim, escalations raised in the period and claimed: 30, 60, 120, 180, 240, 300, 600 (n = 7).
     *   avg    = 1530 / 7 = 218.5714… → 218.571
     *   median = rank 0.5 × 6 = 3 → 180
     *   p95    = rank 0.95 × 6 = 5.7 → 300 + 0.7 × (600 − 300) = 510
     * Unclaimed: the one still waiting (the park is not counted).
     */
    expect(body.timeToClaim).toEqual({ avgSeconds: 218.571, medianSeconds: 180, p95Seconds: 510, nClaimed: 7, nUnclaimed: 1 });
    expect(body.metricDefinition).toMatch(/time to first action after pickup/i);
    expect(body.metricDefinition).toMatch(/not minutes saved/i);

    expect(body.daily).toHaveLength(30);
    expect(dayOf(body, utcDate(noon))).toEqual({
      date: utcDate(noon),
      nEscalations: 8,
      nClaimed: 7,
      medianTimeToClaimSeconds: 180,
      medianTimeToFirstActionSeconds: 30,
    });
    for (const day of body.daily.filter((d) => d.date !== utcDate(noon))) expect(day).toEqual({ date: day.date, ...emptyDay });
  });

  it('answers nulls and zero-filled days when there is nothing to measure, for every period', async () => {
    const c = await crew('Empty');
    for (const [period, days] of [
      ['7d', 7],
      ['30d', 30],
      ['90d', 90],
    ] as const) {
      const body = await metrics(c.senior, period);
      expect(body).toMatchObject({
        period,
        nHandoffsClaimed: 0,
        nHandoffsWithAction: 0,
        avgSeconds: null,
        medianSeconds: null,
        p95Seconds: null,
        timeToClaim: { avgSeconds: null, medianSeconds: null, p95Seconds: null, nClaimed: 0, nUnclaimed: 0 },
      });
      // Every UTC day of the period, consecutive, oldest first, ending today; `from` is the first one's midnight.
      expect(body.daily).toHaveLength(days);
      const today = Date.parse(`${body.to.slice(0, 10)}T00:00:00Z`);
      expect(body.daily.map((d) => d.date)).toEqual(Array.from({ length: days }, (_, i) => utcDate(new Date(today - (days - 1 - i) * DAY_MS))));
      expect(body.from).toBe(`${body.daily[0]!.date}T00:00:00.000Z`);
      for (const day of body.daily) expect(day).toEqual({ date: day.date, ...emptyDay });
    }
  });

  it('counts an escalation claimed with no action in nHandoffsClaimed only', async () => {
    const c = await crew('Idle');
    const createdAt = new Date(Date.now() - 3_600_000);
    const claimedAt = seconds(createdAt, 90);
    // Everyone writes after the claim except the claimer.
    await escalation({
      crew: c,
      createdAt,
      claimedAt,
      steps: [
        { role: 'engineer', by: c.owner.user.id, at: seconds(claimedAt, 5) },
        { role: 'assistant', at: seconds(claimedAt, 6) },
        { role: 'system', at: seconds(claimedAt, 7) },
      ],
    });
    const body = await metrics(c.owner, '7d');
    expect(body).toMatchObject({ nHandoffsClaimed: 1, nHandoffsWithAction: 0, avgSeconds: null, medianSeconds: null, p95Seconds: null });
    expect(body.timeToClaim).toEqual({ avgSeconds: 90, medianSeconds: 90, p95Seconds: 90, nClaimed: 1, nUnclaimed: 0 });
    expect(dayOf(body, utcDate(claimedAt))).toMatchObject({ nClaimed: 1, medianTimeToFirstActionSeconds: null });
  });

  it('windows first action by claim time and time to claim by raise time, from UTC midnight of the first day', async () => {
    const c = await crew('Window');
    const from = new Date((await metrics(c.owner, '7d')).from);
    expect(from.getTime() % DAY_MS).toBe(0);
    const senior = c.senior.user.id;

    // Claimed a second inside the window (raised 10 s before it): first action 50 s.
    const straddling = seconds(from, -10);
    await escalation({
      crew: c,
      createdAt: straddling,
      claimedAt: seconds(from, 1),
      steps: [{ role: 'engineer', by: senior, at: seconds(from, 51) }],
    });
    // Claimed a second before the window: first action 999 s.
    const outside = seconds(from, -100);
    await escalation({
      crew: c,
      createdAt: outside,
      claimedAt: seconds(from, -1),
      steps: [{ role: 'engineer', by: senior, at: seconds(from, 998) }],
    });
    // Raised a second inside the window, still waiting; and one raised a second before it, still waiting.
    await escalation({ crew: c, createdAt: seconds(from, 1) });
    await escalation({ crew: c, createdAt: seconds(from, -1) });

    const week = await metrics(c.owner, '7d');
    expect(week.from).toBe(from.toISOString());
    expect(week).toMatchObject({ nHandoffsClaimed: 1, nHandoffsWithAction: 1, avgSeconds: 50, medianSeconds: 50, p95Seconds: 50 });
    // Only the escalation raised inside the window counts for time to claim: it is unclaimed.
    expect(week.timeToClaim).toEqual({ avgSeconds: null, medianSeconds: null, p95Seconds: null, nClaimed: 0, nUnclaimed: 1 });
    expect(week.daily[0]).toEqual({
      date: utcDate(from),
      nEscalations: 1,
      nClaimed: 1,
      medianTimeToClaimSeconds: 11,
      medianTimeToFirstActionSeconds: 50,
    });

    const month = await metrics(c.owner, '30d');
    /* Both claims: 50 and 999. avg 524.5; median rank 0.5 → 524.5; p95 rank 0.95 → 50 + 0.95 × 949 = 951.55. */
    expect(month).toMatchObject({ nHandoffsClaimed: 2, nHandoffsWithAction: 2, avgSeconds: 524.5, medianSeconds: 524.5, p95Seconds: 951.55 });
    /* Raised → claimed: 11 and 99; plus two still waiting. avg 55; median 55; p95 = 11 + 0.95 × 88 = 94.6. */
    expect(month.timeToClaim).toEqual({ avgSeconds: 55, medianSeconds: 55, p95Seconds: 94.6, nClaimed: 2, nUnclaimed: 2 });
  });

  it('floors a first step stamped before the claim at 0, and ignores the claimer’s steps from before the escalation', async () => {
    const c = await crew('Skew');
    const senior = c.senior.user.id;
    const base = new Date(Date.now() - 2 * 3_600_000);

    // The claimer's first step is written after the claim (higher sequence than everything before it)
    // but its clock_timestamp reads 250 ms before claimed_at: clock drift, or typing before pressing Pick Up.
    const skewedRaised = base;
    const skewedClaim = seconds(skewedRaised, 60);
    await escalation({
      crew: c,
      createdAt: skewedRaised,
      claimedAt: skewedClaim,
      steps: [
        { role: 'engineer', by: c.owner.user.id, at: seconds(skewedRaised, -30) },
        { role: 'engineer', by: senior, at: seconds(skewedClaim, -0.25) },
      ],
    });
    // The claimer's only step predates the escalation: they have not acted on it.
    const staleRaised = seconds(base, 600);
    await escalation({
      crew: c,
      createdAt: staleRaised,
      claimedAt: seconds(staleRaised, 60),
      steps: [{ role: 'engineer', by: senior, at: seconds(staleRaised, -1) }],
    });
    // Claimed a second "before" it was raised: time to claim is 0, not −1.
    const driftRaised = seconds(base, 1200);
    await escalation({ crew: c, createdAt: driftRaised, claimedAt: seconds(driftRaised, -1) });

    const body = await metrics(c.owner, '7d');
    expect(body).toMatchObject({ nHandoffsClaimed: 3, nHandoffsWithAction: 1, avgSeconds: 0, medianSeconds: 0, p95Seconds: 0 });
    /* Raised → claimed: 60, 60, 0. avg 40; median 60; p95 rank 1.9 → 60. */
    expect(body.timeToClaim).toEqual({ avgSeconds: 40, medianSeconds: 60, p95Seconds: 60, nClaimed: 3, nUnclaimed: 0 });
  });

  it('keeps each account to its own escalations, whatever ids the rows carry', async () => {
    const x = await crew('Xray');
    const y = await crew('Yankee');
    const createdAt = new Date(Date.now() - 3 * 3_600_000);
    const claimedAt = seconds(createdAt, 20);

    // X: one claimed escalation the claimer has not acted on…
    const xs = await escalation({ crew: x, createdAt, claimedAt });
    // …and a row stamped with Y's account inside X's session, by X's claimer, after the claim.
    await db.query(
      `insert into session_steps (account_id, session_id, sequence, role, author_id, content, created_at)
       values ($1, $2, 1, 'engineer', $3, 'step', $4)`,
      [y.accountId, xs.sessionId, x.senior.user.id, seconds(claimedAt, 5)],
    );
    // Y: two worked escalations and one waiting.
    for (const [toClaim, toAction] of [
      [40, 100],
      [80, 300],
    ]) {
      const claim = seconds(createdAt, toClaim!);
      await escalation({ crew: y, createdAt, claimedAt: claim, steps: [{ role: 'engineer', by: y.senior.user.id, at: seconds(claim, toAction!) }] });
    }
    await escalation({ crew: y, createdAt });

    const forX = await metrics(x.senior, '90d');
    expect(forX).toMatchObject({ nHandoffsClaimed: 1, nHandoffsWithAction: 0, avgSeconds: null });
    expect(forX.timeToClaim).toEqual({ avgSeconds: 20, medianSeconds: 20, p95Seconds: 20, nClaimed: 1, nUnclaimed: 0 });
    expect(forX.daily.reduce((n, d) => n + d.nEscalations, 0)).toBe(1);

    const forY = await metrics(y.owner, '90d');
    /* First action: 100 and 300 → avg 200, median 200, p95 100 + 0.95 × 200 = 290. */
    expect(forY).toMatchObject({ nHandoffsClaimed: 2, nHandoffsWithAction: 2, avgSeconds: 200, medianSeconds: 200, p95Seconds: 290 });
    expect(forY.timeToClaim).toMatchObject({ nClaimed: 2, nUnclaimed: 1, medianSeconds: 60 });
    expect(forY.daily.reduce((n, d) => n + d.nEscalations, 0)).toBe(3);
  });

  it('measures a real escalation, claim and first message made through the API', async () => {
    const c = await crew('Live');
    const session = await createSession(t.http, c.owner.token, 'VPN drops every ten minutes');
    const handoff = await t.http.post(
      `${SESSIONS}/${session.id}/handoff`,
      { intent: 'escalate', reason: 'Stuck after the driver update' },
      { token: c.owner.token },
    );
    expect(handoff.status).toBe(201);
    expect((await t.http.post(`${SESSIONS}/${session.id}/handoffs/${handoff.body.id}/claim`, undefined, { token: c.senior.token })).status).toBe(200);

    const before = await metrics(c.owner, '7d');
    expect(before).toMatchObject({ nHandoffsClaimed: 1, nHandoffsWithAction: 0 });

    const message = await t.http.post(`${SESSIONS}/${session.id}/messages`, { content: 'Picking this up: which adapter?' }, { token: c.senior.token });
    expect(message.status).toBe(201);
    const after = await metrics(c.owner, '7d');
    expect(after).toMatchObject({ nHandoffsClaimed: 1, nHandoffsWithAction: 1 });
    expect(after.avgSeconds).toBeGreaterThanOrEqual(0);
    expect(after.avgSeconds).toBeLessThan(30);
    expect(after.timeToClaim).toMatchObject({ nClaimed: 1, nUnclaimed: 0 });
  });

  it('is for engineers, admins and owners of an account with an active subscription', async () => {
    const c = await crew('Roles');
    const admin = await addTeammate(t.http, c.owner.token, 'admin', 'Ada Admin');
    const viewer = await addTeammate(t.http, c.owner.token, 'viewer', 'Vic Viewer');
    for (const who of [c.owner, admin, c.senior]) expect((await t.http.get(`${METRICS}?period=7d`, { token: who.token })).status).toBe(200);

    const forViewer = await t.http.get(`${METRICS}?period=7d`, { token: viewer.token });
    expect(forViewer.status).toBe(403);
    expect(forViewer.body.error).toBe('forbidden');
    expect((await t.http.get(`${METRICS}?period=7d`)).status).toBe(401);

    await lapseSubscription(t, c.accountId);
    const lapsed = await t.http.get(`${METRICS}?period=7d`, { token: c.owner.token });
    expect(lapsed.status).toBe(402);
    expect(lapsed.body.error).toBe('subscription_required');
  });

  it('accepts 7d, 30d and 90d only, naming the period, and defaults to 30d', async () => {
    const c = await crew('Periods');
    for (const period of ['1y', '7', '7D', '0d', '']) {
      const res = await t.http.get(`${METRICS}?period=${period}`, { token: c.senior.token });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('validation_failed');
      expect(Object.keys(res.body.details.fields)).toEqual(['period']);
    }
    const byDefault = await t.http.get<EscalationMetrics>(METRICS, { token: c.senior.token });
    expect(byDefault.status).toBe(200);
    expect(byDefault.body.period).toBe('30d');
    expect(byDefault.body.daily).toHaveLength(30);
  });
});
