import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { PRIVILEGED_DATA_SOURCE } from '../../apps/api/src/core/database/data-sources.js';
import { HttpStandIn, type RecordedRequest } from '../support/http-stand-in.js';
import { testEmail } from '../support/identity.js';
import { SmtpCapture } from '../support/smtp-capture.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

const LEADS = '/api/v1/sales-leads';
const SALES = 'sales@resolutionflow.test';

let companies = 0;
/** A valid lead with a company name no other test uses, so its email and event are easy to find. */
function lead(overrides: Record<string, unknown> = {}) {
  companies += 1;
  return {
    name: 'Dana Buyer',
    email: testEmail('lead'),
    company: `Contoso ${companies} ${Math.random().toString(36).slice(2, 8)}`,
    teamSize: '11-25',
    message: 'We run 40 clients and want escalations to stop falling through.',
    source: 'pricing_page',
    ...overrides,
  };
}

async function waitUntil<T>(read: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const captured = (leadId: string) => (r: RecordedRequest) =>
  (r.body as { properties?: { lead_id?: string } } | undefined)?.properties?.lead_id === leadId;

describe('sales leads', () => {
  const smtp = new SmtpCapture();
  const posthog = new HttpStandIn(() => ({ status: 200, body: { status: 1 } }));
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    await smtp.start();
    await posthog.start();
    t = await bootTestApp({
      env: { SMTP_URL: smtp.url, SALES_LEAD_RECIPIENT_EMAIL: SALES, POSTHOG_HOST: posthog.url, POSTHOG_KEY: 'phc_test' },
    });
    db = t.app.get(PRIVILEGED_DATA_SOURCE);
  });
  afterEach(async () => {
    await smtp.setFailure('none');
    await posthog.setFault('none');
    posthog.respondWith(() => ({ status: 200, body: { status: 1 } }));
  });
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
    await posthog.stop();
  });

  const submit = (body: unknown, ip = '203.0.113.10', headers?: Record<string, string>) =>
    t.http.fromAnotherClient(ip).post(LEADS, body, { headers });
  /** The delivery record of the lead's analytics event, once `ready` says it is in the state a test waits for. */
  const analyticsDelivery = (leadId: string, ready: (row: { status: string; attempts: number }) => boolean = (r) => r.status !== 'pending') =>
    waitUntil(async () => {
      const [row] = await db.query(
        `select d.status, d.attempts, d.last_error from deliveries d join jobs j on j.id = d.job_id
          where d.channel = 'analytics' and j.payload->'properties'->>'lead_id' = $1`,
        [leadId],
      );
      return row && ready(row) ? row : undefined;
    });

  it('stores the lead, then emails sales and captures the event in the background', async () => {
    const body = lead({ email: ` ${testEmail('dana').toUpperCase()} ` });
    const email = body.email.trim().toLowerCase();

    const res = await submit(body, '198.51.100.20', { 'user-agent': 'LeadBrowser/1.0' });

    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), receivedAt: expect.any(String) });
    expect(Math.abs(Date.parse(res.body.receivedAt) - Date.now())).toBeLessThan(10_000);
    const [row] = await db.query(`select * from sales_leads where id = $1`, [res.body.id]);
    expect(row).toMatchObject({
      name: 'Dana Buyer',
      email,
      company: body.company,
      team_size: '11-25',
      message: body.message,
      source: 'pricing_page',
      ip: '198.51.100.20',
      user_agent: 'LeadBrowser/1.0',
    });

    const mail = await smtp.waitFor((m) => m.subject === `New sales lead: ${body.company}`);
    expect(mail.to).toEqual([SALES]);
    expect(mail.replyTo).toBe(email);
    expect(mail.text).toContain('Dana Buyer');
    expect(mail.text).toContain(body.message);

    const event = await posthog.waitFor(captured(res.body.id));
    expect(event.method).toBe('POST');
    expect(event.path).toBe('/capture/');
    expect(event.body).toMatchObject({
      api_key: 'phc_test',
      event: 'sales_lead_submitted',
      distinct_id: createHash('sha256').update(email).digest('hex'),
      properties: { lead_id: res.body.id, source: 'pricing_page', team_size: '11-25', has_message: true },
    });
    expect(event.rawBody).not.toContain(email);

    expect(await analyticsDelivery(res.body.id)).toMatchObject({ status: 'delivered', attempts: 1 });
    const [delivery] = await db.query(
      `select d.purpose, d.target, d.account_id from deliveries d join jobs j on j.id = d.job_id where j.payload->'properties'->>'lead_id' = $1`,
      [res.body.id],
    );
    expect(delivery).toEqual({ purpose: 'sales_lead_submitted', target: new URL(posthog.url).host, account_id: null });
    const [notification] = await waitUntil(async () => {
      const rows = await db.query(
        `select d.status, d.target, d.account_id from deliveries d join jobs j on j.id = d.job_id
          where d.channel = 'email' and d.purpose = 'sales_lead' and j.payload->>'subject' = $1`,
        [mail.subject],
      );
      return rows[0]?.status === 'delivered' ? rows : undefined;
    });
    expect(notification).toEqual({ status: 'delivered', target: SALES, account_id: null });
  });

  it('takes five leads per hour from one address: the sixth is 429 with Retry-After, other addresses still get through', async () => {
    const ip = '198.51.100.7';
    for (let i = 0; i < 5; i += 1) expect((await submit(lead(), ip)).status).toBe(201);

    const sixth = await submit(lead(), ip);

    expect(sixth.status).toBe(429);
    expect(sixth.body.error).toBe('rate_limited');
    const retryAfter = Number(sixth.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    const [{ count }] = await db.query(`select count(*)::int as count from sales_leads where ip = $1`, [ip]);
    expect(count).toBe(5);

    expect((await submit(lead(), '198.51.100.8')).status).toBe(201);
  });

  it('answers 400 with the bad fields and stores nothing', async () => {
    const before = (await db.query(`select count(*)::int as count from sales_leads`))[0].count;

    const res = await submit({ name: ' ', email: 'not-an-email', company: 'Contoso', teamSize: 'huge', source: 'billboard' }, '203.0.113.40');

    expect(res.status).toBe(400);
    expect(res.body.error).toBe('validation_failed');
    expect(Object.keys(res.body.details.fields).sort()).toEqual(['email', 'name', 'source', 'teamSize']);
    expect((await db.query(`select count(*)::int as count from sales_leads`))[0].count).toBe(before);
  });

  it('is documented as a public route with its error codes', async () => {
    const post = (await t.http.get('/api/docs-json')).body.paths['/api/v1/sales-leads'].post;
    expect(post.security).toBeUndefined();
    expect(post.responses['201']).toBeDefined();
    expect(post.responses['400'].description).toContain('validation_failed');
    expect(post.responses['429'].description).toContain('rate_limited');
  });

  it('accepts leads while SMTP is down and emails sales once it is back', async () => {
    await smtp.setFailure('down');
    const body = lead({ source: 'contact_page', teamSize: undefined, message: undefined });

    const res = await submit(body, '203.0.113.50');

    expect(res.status).toBe(201);
    expect((await db.query(`select id from sales_leads where id = $1`, [res.body.id])).length).toBe(1);
    const subject = `New sales lead: ${body.company}`;
    // The first attempt failed and the job is waiting for its retry.
    await waitUntil(async () => {
      const [row] = await db.query(
        `select d.attempts from deliveries d join jobs j on j.id = d.job_id where d.channel = 'email' and j.payload->>'subject' = $1`,
        [subject],
      );
      return row && row.attempts >= 1 ? row : undefined;
    });
    expect(smtp.messages.some((m) => m.subject === subject)).toBe(false);

    await smtp.setFailure('none');
    const mail = await smtp.waitFor((m) => m.subject === subject, 10_000);
    expect(mail.text).toContain('not given');
    const [delivery] = await waitUntil(async () => {
      const rows = await db.query(
        `select d.status, d.attempts from deliveries d join jobs j on j.id = d.job_id where j.payload->>'subject' = $1`,
        [subject],
      );
      return rows[0]?.status === 'delivered' ? rows : undefined;
    });
    expect(delivery.attempts).toBeGreaterThan(1);
    expect(smtp.messages.filter((m) => m.subject === subject)).toHaveLength(1);
  });

  it('retries the capture after a PostHog 5xx, and gives up at once on a 4xx', async () => {
    let failuresLeft = 2;
    posthog.respondWith(() => (failuresLeft-- > 0 ? { status: 503, body: { error: 'overloaded' } } : { status: 200, body: { status: 1 } }));
    const retried = await submit(lead(), '203.0.113.60');
    expect(retried.status).toBe(201);

    const delivered = await analyticsDelivery(retried.body.id);
    expect(delivered).toMatchObject({ status: 'delivered', attempts: 3 });
    expect(posthog.requests.filter(captured(retried.body.id))).toHaveLength(3);

    posthog.respondWith(() => ({ status: 400, body: { error: 'invalid api key' } }));
    const refused = await submit(lead(), '203.0.113.61');
    expect(refused.status).toBe(201);
    const dead = await analyticsDelivery(refused.body.id);
    expect(dead).toMatchObject({ status: 'dead', attempts: 1 });
    expect(dead.last_error).toContain('400');
    expect(posthog.requests.filter(captured(refused.body.id))).toHaveLength(1);
  });

  it('keeps accepting leads while PostHog cannot be reached, and captures the event once it is back', async () => {
    await posthog.setFault('refuse');
    const res = await submit(lead(), '203.0.113.70');
    expect(res.status).toBe(201);
    const waiting = await analyticsDelivery(res.body.id, (r) => r.attempts >= 1);
    expect(waiting.status).toBe('pending');
    expect(waiting.last_error).toContain('PostHog could not be reached');

    await posthog.setFault('none');
    expect(await analyticsDelivery(res.body.id)).toMatchObject({ status: 'delivered' });
    expect(posthog.requests.filter(captured(res.body.id))).toHaveLength(1);
  });
});

describe('sales leads without a recipient or an analytics key', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await bootTestApp();
    db = t.app.get(PRIVILEGED_DATA_SOURCE);
  });
  afterAll(() => t?.close());

  it('stores the lead and queues nothing', async () => {
    const res = await t.http.post(LEADS, lead({ source: 'welcome_wizard' }));

    expect(res.status).toBe(201);
    expect((await db.query(`select source from sales_leads where id = $1`, [res.body.id]))[0].source).toBe('welcome_wizard');
    expect(await db.query(`select channel from deliveries`)).toEqual([]);
    expect(await db.query(`select queue from jobs`)).toEqual([]);
  });
});
