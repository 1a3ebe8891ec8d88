import pg from 'pg';
import { AnthropicStandIn } from '../../support/anthropic-stand-in.js';
import { ChildApi } from '../../support/child-api.js';
import { registerOwner, type SignedIn } from '../../support/identity.js';
import { SESSIONS } from '../../support/sessions.js';
import { SmtpCapture } from '../../support/smtp-capture.js';
import { addTeammate } from '../../support/team.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';
import { until } from '../../support/until.js';

interface Footprint {
  handoffs: number;
  status: string;
  notifications: number;
  events: number;
  jobs: number;
  emails: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the API process killed (SIGKILL) in the middle of an escalation', () => {
  const smtp = new SmtpCapture();
  const anthropic = new AnthropicStandIn();
  let db: TestDatabase;
  let sql: pg.Client;
  let api: ChildApi;
  let junior: SignedIn;
  let responders = 0;

  /** Everything an escalation writes in its one transaction, for one session. */
  async function footprint(sessionId: string): Promise<Footprint> {
    const { rows } = await sql.query(
      `select (select count(*) from handoffs where session_id = $1)::int as handoffs,
              (select status from ai_sessions where id = $1) as status,
              (select count(*) from notifications where type = 'escalation' and data->>'sessionId' = $1::text)::int as notifications,
              (select count(*) from outbox_events where type = 'handoff_created' and payload->>'sessionId' = $1::text)::int as events,
              (select count(*) from jobs j join handoffs h on j.payload->>'handoffId' = h.id::text where h.session_id = $1)::int as jobs,
              (select count(*) from jobs where queue like '%mail%' and payload::text like '%' || $1::text || '%')::int as emails`,
      [sessionId],
    );
    return rows[0] as Footprint;
  }

  const isAbsent = (f: Footprint) => f.handoffs === 0 && f.status === 'active' && f.notifications === 0 && f.events === 0 && f.jobs === 0 && f.emails === 0;
  // Assessment and re-alert jobs, a notification and an email per responder, the event: all of it.
  const isWhole = (f: Footprint) => f.handoffs === 1 && f.status === 'escalated' && f.notifications === responders && f.events === 1 && f.jobs === 2 && f.emails === responders;

  async function newSession(problem: string): Promise<string> {
    const res = await api.http.post(SESSIONS, { problemSummary: problem }, { token: junior.token });
    expect(res.status).toBe(201);
    return res.body.id;
  }
  const escalate = (sessionId: string) =>
    fetch(`${api.baseUrl}${SESSIONS}/${sessionId}/handoff`, {
      method: 'POST',
      headers: { authorization: `Bearer ${junior.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ intent: 'escalate', reason: `kill test ${sessionId}` }),
    }).then((r) => r.status, () => 0);

  beforeAll(async () => {
    await Promise.all([smtp.start(), anthropic.start()]);
    db = await createTestDatabase();
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    api = new ChildApi({
      DATABASE_URL: db.url,
      LOG_LEVEL: 'warn',
      TRUST_PROXY: 'true',
      SMTP_URL: smtp.url,
      ANTHROPIC_API_KEY: 'sk-ant-kill-test',
      ANTHROPIC_BASE_URL: anthropic.url,
      AI_MODEL: 'claude-stand-in',
      AI_MAX_RETRIES: '0',
      ESCALATION_PACKAGE_TIMEOUT_SECONDS: '10',
      JOBS_POLL_INTERVAL_MS: '100',
      JOBS_BACKOFF_BASE_MS: '200',
      JOBS_BACKOFF_MAX_MS: '1000',
      // A job whose process was killed mid-run is due again after this (renewed while a live worker runs it).
      JOBS_LOCK_SECONDS: '4',
    });
    await api.start();
    const owner = await registerOwner(api.http);
    junior = await addTeammate(api.http, owner.token, 'engineer', 'Jo Junior');
    await addTeammate(api.http, owner.token, 'engineer', 'Sam Senior');
    responders = 2;
  }, 60_000);
  afterAll(async () => {
    await api?.kill();
    await sql?.end();
    await db?.drop();
    await Promise.all([smtp.stop(), anthropic.stop()]);
  });

  it('leaves each escalation whole or absent, never half, and finishes the queued work after the restart', async () => {
    const outcomes: { scenario: string; outcome: 'whole' | 'absent' }[] = [];
    const judge = async (scenario: string, sessionId: string) => {
      const f = await footprint(sessionId);
      const outcome = isWhole(f) ? 'whole' : isAbsent(f) ? 'absent' : null;
      expect({ scenario, footprint: f, outcome }).toEqual({ scenario, footprint: f, outcome: expect.stringMatching(/^(whole|absent)$/) });
      outcomes.push({ scenario, outcome: outcome! });
      return outcome;
    };

    // 1. Killed while the assistant is still writing the briefing: nothing may have been written.
    await anthropic.hang(true);
    const briefing = await newSession('Killed while briefing');
    const calls = anthropic.calls.length;
    void escalate(briefing);
    await until(async () => anthropic.calls.length, (n) => n > calls, 10_000);
    await api.kill();
    await anthropic.hang(false);
    await api.start();
    expect(await judge('killed before the commit', briefing)).toBe('absent');
    // The session is usable: escalating it again works.
    expect(await escalate(briefing)).toBe(201);

    // 2. Killed right after the commit, with the mail server down: the escalation is all there, its mail still owed.
    await smtp.setFailure('down');
    const committed = await newSession('Killed after the commit');
    expect(await escalate(committed)).toBe(201);
    await api.kill();
    await smtp.setFailure('none');
    await api.start();
    expect(await judge('killed after the commit', committed)).toBe('whole');

    // 3. Killed at arbitrary moments of the request, commit included.
    for (const delay of [10, 60, 150, 300]) {
      const session = await newSession(`Killed after ${delay} ms`);
      void escalate(session);
      await sleep(delay);
      await api.kill();
      await api.start();
      await judge(`killed ${delay} ms in`, session);
    }

    // The restarted process finishes the queued work, including jobs a killed process was in the middle of.
    const owed = await until(
      async () => (await sql.query(`select d.status from deliveries d where d.purpose = 'escalation'`)).rows,
      (rows) => rows.every((r) => r.status === 'delivered'),
      30_000,
    );
    expect(owed.filter((r) => r.status !== 'delivered')).toEqual([]);
    expect(owed.length).toBe(responders * outcomes.filter((o) => o.outcome === 'whole').length + responders);
    // Other work (the assessment) may still be mid-flight or waiting out a killed worker's lock: it must drain too.
    const stillDue = await until(
      async () =>
        (await sql.query(`select queue, status, attempts from jobs where status in ('pending', 'running') and run_at <= now() and queue <> 'handoff.realert'`)).rows,
      (rows) => rows.length === 0,
      30_000,
    );
    expect(stillDue).toEqual([]);
    await smtp.waitFor((m) => m.subject.includes('Killed after the commit'), 10_000);

    const whole = outcomes.filter((o) => o.outcome === 'whole').length;
    console.log(
      `process kill: ${outcomes.length} SIGKILLs mid-escalation → ${whole} whole, ${outcomes.length - whole} absent, 0 half-written ` +
        `(${outcomes.map((o) => `${o.scenario}: ${o.outcome}`).join('; ')}); ` +
        `${owed.length} escalation emails delivered across the restarts; 0 lost, 0 half-written`,
    );
  }, 120_000);
});
