import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { PRIVILEGED_DATA_SOURCE } from '../../../apps/api/src/core/database/data-sources.js';
import { AnthropicStandIn } from '../../support/anthropic-stand-in.js';
import { ConnectWiseStandIn } from '../../support/connectwise-stand-in.js';
import { HttpStandIn, type StandInFault } from '../../support/http-stand-in.js';
import { registerOwner, type SignedIn } from '../../support/identity.js';
import { SESSIONS } from '../../support/sessions.js';
import { SmtpCapture } from '../../support/smtp-capture.js';
import { StripeStandIn } from '../../support/stripe-stand-in.js';
import { TcpFaultProxy } from '../../support/tcp-fault-proxy.js';
import { addTeammate } from '../../support/team.js';
import { bootTestApp, type TestApp } from '../../support/test-app.js';
import { until } from '../../support/until.js';

type Mode = Exclude<StandInFault, 'none'>;

interface DeliveryRow {
  channel: string;
  purpose: string;
  status: string;
  attempts: number;
  last_error: string | null;
}

const ASSESSMENT = { tools: [{ name: 'record_assessment', input: { summary: 'Profile corruption', likelyCause: 'Cached credentials', suggestedSteps: ['Clear the credential cache'], confidenceTier: 'medium' } }] };

describe('faults at every third party: SMTP, Stripe, the AI provider, the PSA and Slack refuse, hang and fail', () => {
  const smtp = new SmtpCapture();
  let smtpProxy: TcpFaultProxy;
  const slack = new HttpStandIn(() => ({ status: 200, body: 'ok' }));
  const cw = new ConnectWiseStandIn();
  const anthropic = new AnthropicStandIn();
  const stripe = new StripeStandIn();
  let t: TestApp;
  let db: DataSource;
  let owner: SignedIn;
  let junior: SignedIn;
  let senior: SignedIn;
  let faultsInjected = 0;
  let deliveriesChecked = 0;

  async function breakEverything(mode: Mode | 'none'): Promise<void> {
    // SMTP has no "500": its temporary refusal (451) is what a sick mail server says, and it is retried.
    await smtpProxy.setFault(mode === 'error' || mode === 'none' ? 'none' : mode);
    await smtp.setFailure(mode === 'error' ? 'reject' : 'none', { code: 451, at: 'rcpt' });
    await Promise.all([slack.setFault(mode), cw.setFault(mode), anthropic.setFault(mode), stripe.setFault(mode)]);
    if (mode !== 'none') faultsInjected += 5;
  }

  const deliveriesSince = (since: string): Promise<DeliveryRow[]> =>
    db.query(`select channel, purpose, status, attempts, last_error from deliveries where account_id = $1 and created_at >= $2 order by created_at`, [owner.user.account.id, since]);

  async function ticketSession(problem: string): Promise<string> {
    const ticket = cw.addTicket({ summary: problem });
    const res = await t.http.post(SESSIONS, { problemSummary: problem, psaTicketId: String(ticket.id) }, { token: junior.token });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  beforeAll(async () => {
    await Promise.all([smtp.start(), slack.start(), cw.start(), anthropic.start(), stripe.start()]);
    smtpProxy = new TcpFaultProxy(Number(new URL(smtp.url).port));
    await smtpProxy.start();
    anthropic.fallback = (request) => ((request.body as { tools?: unknown[] }).tools?.length ? ASSESSMENT : { text: 'Escalation briefing from the assistant.' });
    t = await bootTestApp({
      env: {
        ...stripe.env(),
        SMTP_URL: `smtp://${smtpProxy.url}`,
        ANTHROPIC_API_KEY: 'sk-ant-fault-test',
        AI_MODEL: 'claude-stand-in',
        ANTHROPIC_BASE_URL: anthropic.url,
        AI_TIMEOUT_SECONDS: '1',
        AI_MAX_RETRIES: '0',
        ESCALATION_PACKAGE_TIMEOUT_SECONDS: '1',
        ESCALATION_AI_ASSESSMENT_TIMEOUT_SECONDS: '2',
        PSA_REQUEST_TIMEOUT_MS: '500',
        // Retries spread over the ~12 s a hanging SMTP or Slack needs to time out, as minutes would in production.
        JOBS_BACKOFF_BASE_MS: '500',
        JOBS_BACKOFF_MAX_MS: '3000',
        ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      },
    });
    db = t.app.get<DataSource>(PRIVILEGED_DATA_SOURCE);
    await db.query(`update plan_billing set stripe_price_id = 'price_pro_faults' where plan = 'pro'`);
    owner = await registerOwner(t.http, { accountName: 'Faulty Networks' });
    [junior, senior] = await Promise.all([addTeammate(t.http, owner.token, 'engineer', 'Jo Junior'), addTeammate(t.http, owner.token, 'engineer', 'Sam Senior')]);
    expect((await t.http.put('/api/v1/psa/connection', cw.connectionSettings(), { token: owner.token })).status).toBe(200);
    expect((await t.http.put('/api/v1/accounts/integrations', { slackWebhookUrl: `${slack.url}/hooks/faults` }, { token: owner.token })).status).toBe(200);
    // Sign-up mail delivered before any fault, so each round counts only its own deliveries.
    await until(() => deliveriesSince('-infinity'), (rows) => rows.every((r) => r.status === 'delivered'), 10_000);
  }, 30_000);
  afterAll(async () => {
    await t.close();
    await Promise.all([smtp.stop(), smtpProxy.stop(), slack.stop(), cw.stop(), anthropic.stop(), stripe.stop()]);
  });

  it.each<Mode>(['refuse', 'error', 'hang'])(
    'keeps every user action working while they %s, records the retries, and delivers everything once they recover',
    async (mode) => {
      const [{ now: since }] = await db.query(`select now()::text as now`);
      await breakEverything(mode);

      // The user's actions succeed, promptly, whatever the third parties do.
      const escalated = await ticketSession(`Mailbox full (${mode})`);
      let started = performance.now();
      const handoff = await t.http.post(`${SESSIONS}/${escalated}/handoff`, { intent: 'escalate', reason: `Escalated during ${mode}` }, { token: junior.token });
      expect(handoff.status).toBe(201);
      expect(performance.now() - started).toBeLessThan(6_000);
      const resolved = await ticketSession(`Printer jam (${mode})`);
      started = performance.now();
      const resolve = await t.http.post(`${SESSIONS}/${resolved}/resolve`, { note: 'Cleared the tray' }, { token: junior.token });
      expect(resolve.status).toBe(200);
      expect(performance.now() - started).toBeLessThan(6_000);
      // Checkout is Stripe itself: it cannot succeed, but it answers a clear 502 in bounded time, never a 500 or a hang.
      started = performance.now();
      const checkout = await t.http.post('/api/v1/billing/checkout-session', { plan: 'pro' }, { token: owner.token });
      expect([checkout.status, checkout.body.error]).toEqual([502, 'stripe_unavailable']);
      expect(performance.now() - started).toBeLessThan(5_000);

      // Every outbound side effect has a delivery record showing a failed attempt and a retry to come.
      const outbound = (rows: DeliveryRow[]) => rows.filter((r) => r.channel !== 'ai');
      const failedOnce = await until(
        () => deliveriesSince(since),
        (rows) => outbound(rows).length >= 4 && outbound(rows).every((r) => r.attempts >= (mode === 'hang' ? 1 : 2) && r.last_error !== null),
        25_000,
      );
      expect(new Set(outbound(failedOnce).map((r) => r.channel))).toEqual(new Set(['email', 'slack', 'psa']));
      expect(outbound(failedOnce).filter((r) => r.status !== 'pending' || r.last_error === null)).toEqual([]);

      await breakEverything('none');
      const done = await until(() => deliveriesSince(since), (rows) => rows.every((r) => r.status === 'delivered'), 30_000);
      expect(done.filter((r) => r.status !== 'delivered')).toEqual([]);
      deliveriesChecked += done.length;
      // And they really arrived.
      await smtp.waitFor((m) => m.to.includes(senior.email) && m.text.includes(`Escalated during ${mode}`), 10_000);
      await slack.waitFor((r) => r.path === '/hooks/faults' && JSON.stringify(r.body).includes(`Escalated during ${mode}`), 10_000);
      await cw.waitForNote((n) => n.text.length > 0 && cw.tickets.find((x) => x.id === n.ticketId)?.summary === `Mailbox full (${mode})`, 10_000);
      await cw.waitForNote((n) => cw.tickets.find((x) => x.id === n.ticketId)?.summary === `Printer jam (${mode})`, 10_000);

      // The assessment job has its record too: tried, and settled (unavailable while the AI was down, never lost).
      const ai = done.filter((r) => r.channel === 'ai');
      expect(ai).toHaveLength(1);
      const [assessed] = await db.query(`select assessment_status from handoffs where id = $1`, [handoff.body.id]);
      expect(['ready', 'unavailable']).toContain(assessed.assessment_status);
      if (mode !== 'hang') expect(ai[0]!.attempts).toBe(3);

      // Stripe is reachable again.
      expect((await t.http.post('/api/v1/billing/checkout-session', { plan: 'pro' }, { token: owner.token })).status).toBe(200);
    },
    60_000,
  );

  it('assesses escalations again once the AI provider is back', async () => {
    const session = await ticketSession('VPN drops after sleep');
    const handoff = await t.http.post(`${SESSIONS}/${session}/handoff`, { intent: 'escalate', reason: 'after recovery' }, { token: junior.token });
    const [row] = await until(
      () => db.query(`select assessment_status from handoffs where id = $1`, [handoff.body.id]),
      (rows) => rows[0]?.assessment_status !== 'pending',
      10_000,
    );
    expect(row.assessment_status).toBe('ready');
    console.log(`faults: ${faultsInjected} faults injected (refuse, 500, hang × SMTP, Stripe, AI, PSA, Slack); ${deliveriesChecked} deliveries retried and completed; 0 lost, 0 leaked, 0 5xx on user actions`);
  });
});
