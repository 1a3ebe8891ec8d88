import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { PRIVILEGED_DATA_SOURCE } from '../../apps/api/src/core/database/data-sources.js';
import { TenantDatabase } from '../../apps/api/src/core/database/tenant-database.js';
import { SecretBox } from '../../apps/api/src/core/security/secret-box.js';
import { webhookUrlContext } from '../../apps/api/src/modules/notifications/integrations/account-integrations.repository.js';
import { AccountIntegrationsService } from '../../apps/api/src/modules/notifications/integrations/account-integrations.service.js';
import { HttpStandIn } from '../support/http-stand-in.js';
import { registerOwner, type SignedIn } from '../support/identity.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { until } from '../support/until.js';

const INTEGRATIONS = '/api/v1/accounts/integrations';
const TEST = `${INTEGRATIONS}/test`;

describe('account integrations: Slack and Teams webhooks', () => {
  const chat = new HttpStandIn(() => ({ status: 200, body: 'ok' }));
  let t: TestApp;
  let owner: SignedIn;
  let other: SignedIn;
  let db: DataSource;

  beforeAll(async () => {
    await chat.start();
    t = await bootTestApp();
    db = t.app.get(PRIVILEGED_DATA_SOURCE);
    owner = await registerOwner(t.http);
    other = await registerOwner(t.http);
  });
  afterAll(async () => {
    await t.close();
    await chat.stop();
  });

  it('stores webhook URLs encrypted and only ever shows their host', async () => {
    const put = await t.http.put(
      '/api/v1/accounts/integrations',
      { slackWebhookUrl: `${chat.url}/slack/T000/B000/secret-token`, teamsWebhookUrl: `${chat.url}/teams/workflow` },
      { token: owner.token },
    );
    expect(put.status).toBe(200);
    expect(put.body).toEqual({
      slackConfigured: true,
      slackWebhookHost: new URL(chat.url).host,
      teamsConfigured: true,
      teamsWebhookHost: new URL(chat.url).host,
      emailEnabled: true,
    });
    expect(put.text).not.toContain('secret-token');
    const [raw] = await db.query(`select slack_webhook_url_encrypted as s from account_integrations where account_id = $1`, [owner.user.account.id]);
    expect(raw.s).not.toContain('secret-token');
    expect(raw.s.startsWith('v1:')).toBe(true);
  });

  it('sends a real test message in each format and reports a refusal as ok:false', async () => {
    const slack = await t.http.post('/api/v1/accounts/integrations/test', { channel: 'slack' }, { token: owner.token });
    expect(slack.body).toEqual({ ok: true, message: 'Test message sent' });
    const sent = await chat.waitFor((r) => r.path === '/slack/T000/B000/secret-token');
    expect((sent.body as { blocks: unknown[] }).blocks.length).toBeGreaterThan(0);
    await t.http.post('/api/v1/accounts/integrations/test', { channel: 'teams' }, { token: owner.token });
    const card = await chat.waitFor((r) => r.path === '/teams/workflow');
    expect((card.body as { attachments: { contentType: string }[] }).attachments[0]!.contentType).toBe(
      'application/vnd.microsoft.card.adaptive',
    );
    chat.respondWith(() => ({ status: 404, body: 'no_service' }));
    const refused = await t.http.post('/api/v1/accounts/integrations/test', { channel: 'slack' }, { token: owner.token });
    expect(refused.body).toEqual({ ok: false, message: 'The webhook answered HTTP 404' });
    chat.respondWith(() => ({ status: 200, body: 'ok' }));
  });

  it('delivers queued chat messages with retries and a delivery record', async () => {
    await chat.setFault('error');
    const accountId = owner.user.account.id;
    await t.app
      .get(TenantDatabase)
      .run(accountId, (m) =>
        t.app.get(AccountIntegrationsService).enqueueToAll(m, accountId, 'probe_message', { title: 'Probe', lines: ['hello'] }),
      );
    const attempts = async () =>
      (await db.query(`select coalesce(max(attempts), 0) as n from deliveries where account_id = $1 and purpose = 'probe_message'`, [accountId]))[0].n;
    for (let i = 0; i < 100 && (await attempts()) < 2; i += 1) await new Promise((r) => setTimeout(r, 50));
    await chat.setFault('none');
    for (let i = 0; i < 100; i += 1) {
      const rows = await db.query(`select channel, status from deliveries where account_id = $1 and purpose = 'probe_message' order by channel`, [accountId]);
      if (rows.length === 2 && rows.every((r: { status: string }) => r.status === 'delivered')) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('chat deliveries did not complete');
  });

  it('clears a webhook with null and turns email off', async () => {
    const res = await t.http.put('/api/v1/accounts/integrations', { teamsWebhookUrl: null, emailEnabled: false }, { token: owner.token });
    expect(res.body).toMatchObject({ slackConfigured: true, teamsConfigured: false, teamsWebhookHost: null, emailEnabled: false });
  });

  it("keeps each account's settings to itself and rejects bad input", async () => {
    const theirs = await t.http.get('/api/v1/accounts/integrations', { token: other.token });
    expect(theirs.body).toMatchObject({ slackConfigured: false, teamsConfigured: false });
    const bad = await t.http.put('/api/v1/accounts/integrations', { slackWebhookUrl: 'javascript:alert(1)' }, { token: owner.token });
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields.slackWebhookUrl).toBeDefined();
    const notSet = await t.http.post('/api/v1/accounts/integrations/test', { channel: 'teams' }, { token: other.token });
    expect(notSet.status).toBe(409);
    expect(notSet.body.error).toBe('integration_not_configured');
  });

  it('refuses a URL with a user name or password in any environment', async () => {
    const res = await t.http.put(INTEGRATIONS, { teamsWebhookUrl: `http://user:secret@${new URL(chat.url).host}/teams` }, { token: owner.token });
    expect([res.status, res.body.error]).toEqual([400, 'validation_failed']);
    expect(res.body.details.fields.teamsWebhookUrl).toEqual(['must not contain a user name or password']);
  });

  it('does not follow a redirect, and says no more than the status about a failure', async () => {
    const inside = new HttpStandIn(() => ({ status: 200, body: 'ok' }));
    await inside.start();
    try {
      const admin = await registerOwner(t.http);
      chat.respondWith(() => ({ status: 302, headers: { location: `${inside.url}/latest/meta-data/` } }));
      await t.http.put(INTEGRATIONS, { slackWebhookUrl: `${chat.url}/slack/redirecting` }, { token: admin.token });
      const redirected = await t.http.post(TEST, { channel: 'slack' }, { token: admin.token });
      expect(redirected.body).toEqual({ ok: false, message: 'The webhook answered with a redirect (HTTP 302), which is not followed' });
      expect(inside.requests).toEqual([]);

      await t.http.put(INTEGRATIONS, { slackWebhookUrl: 'http://127.0.0.1:1/closed-port' }, { token: admin.token });
      const closed = await t.http.post(TEST, { channel: 'slack' }, { token: admin.token });
      expect(closed.body).toEqual({ ok: false, message: 'The webhook could not be reached' });
    } finally {
      chat.respondWith(() => ({ status: 200, body: 'ok' }));
      await inside.stop();
    }
  });

  it('limits test messages per person', async () => {
    const admin = await registerOwner(t.http);
    await t.http.put(INTEGRATIONS, { slackWebhookUrl: `${chat.url}/slack/limited` }, { token: admin.token });
    for (let i = 0; i < 10; i += 1) {
      expect((await t.http.post(TEST, { channel: 'slack' }, { token: admin.token })).body).toEqual({ ok: true, message: 'Test message sent' });
    }
    const limited = await t.http.post(TEST, { channel: 'slack' }, { token: admin.token });
    expect([limited.status, limited.body.error, Number(limited.headers.get('retry-after')) > 0]).toEqual([429, 'rate_limited', true]);
    expect(chat.requests.filter((r) => r.path === '/slack/limited')).toHaveLength(10);
  });
});

describe('account integrations: a hanging webhook holds no database connection', () => {
  const hanging = new HttpStandIn();
  let t: TestApp;

  beforeAll(async () => {
    await hanging.start();
    t = await bootTestApp({ env: { DATABASE_POOL_MAX: '2', JOBS_WORKER_ENABLED: 'false' } });
  });
  afterAll(async () => {
    await hanging.stop();
    await t.close();
  });

  it('keeps answering other requests while more tests than the pool has connections wait on the webhook', async () => {
    const owner = await registerOwner(t.http);
    expect((await t.http.put(INTEGRATIONS, { slackWebhookUrl: `${hanging.url}/slack/hang` }, { token: owner.token })).status).toBe(200);
    await hanging.setFault('hang');
    const tests = Array.from({ length: 3 }, () => t.http.post(TEST, { channel: 'slack' }, { token: owner.token }));
    // Every test reached the webhook: none waits for a connection another one holds.
    const reached = await until(async () => hanging.requests.filter((r) => r.path === '/slack/hang').length, (n) => n === 3, 5_000);
    expect(reached).toBe(3);
    const started = performance.now();
    const other = await t.http.get(INTEGRATIONS, { token: owner.token });
    expect(other.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(2_000);
    await hanging.setFault('none');
    for (const res of await Promise.all(tests)) expect(res.body).toEqual({ ok: false, message: 'The webhook could not be reached' });
  });
});

describe('account integrations in production: only public provider webhooks', () => {
  const local = new HttpStandIn(() => ({ status: 200, body: 'ok' }));
  let t: TestApp;
  let owner: SignedIn;

  beforeAll(async () => {
    await local.start();
    t = await bootTestApp({
      env: { NODE_ENV: 'production', JWT_SECRET: randomBytes(32).toString('hex'), ENCRYPTION_KEY: randomBytes(32).toString('base64') },
    });
    owner = await registerOwner(t.http);
  });
  afterAll(async () => {
    await t.close();
    await local.stop();
  });

  const save = (url: string) => t.http.put(INTEGRATIONS, { slackWebhookUrl: url }, { token: owner.token });

  it('refuses plain http, internal and metadata addresses, credentials and other hosts when saving', async () => {
    const insecure = await save('http://hooks.slack.com/services/T000/B000/XXXX');
    expect([insecure.status, insecure.body.error, insecure.body.details.fields.slackWebhookUrl]).toEqual([
      422,
      'webhook_url_insecure',
      ['The webhook URL must use https'],
    ]);
    for (const url of ['https://169.254.169.254/latest/meta-data/', 'https://127.0.0.1:8443/hook', 'https://10.0.0.5/hook', 'https://[::1]/hook', 'https://localhost/hook']) {
      const res = await save(url);
      expect({ url, status: res.status, error: res.body.error, fields: res.body.details.fields }).toEqual({
        url,
        status: 422,
        error: 'webhook_url_not_allowed',
        fields: { slackWebhookUrl: ['The webhook URL must be a public address'] },
      });
    }
    const elsewhere = await save('https://example.com/hook');
    expect([elsewhere.status, elsewhere.body.error]).toEqual([422, 'webhook_url_not_allowed']);
    expect(elsewhere.body.message).toContain('hooks.slack.com');
    const credentials = await save('https://user:secret@hooks.slack.com/services/T000/B000/XXXX');
    expect([credentials.status, credentials.body.error]).toEqual([400, 'validation_failed']);
    expect((await t.http.get(INTEGRATIONS, { token: owner.token })).body).toMatchObject({ slackConfigured: false });
  });

  it("saves a provider's webhook address", async () => {
    const res = await t.http.put(
      INTEGRATIONS,
      { slackWebhookUrl: 'https://hooks.slack.com/services/T000/B000/XXXX', teamsWebhookUrl: 'https://prod-12.westus.logic.azure.com:443/workflows/abc' },
      { token: owner.token },
    );
    expect(res.body).toMatchObject({ slackWebhookHost: 'hooks.slack.com', teamsWebhookHost: 'prod-12.westus.logic.azure.com' });
  });

  it('does not send to an internal URL stored before these rules', async () => {
    const accountId = owner.user.account.id;
    const sealed = t.app.get(SecretBox).seal(`${local.url}/internal`, webhookUrlContext(accountId, 'slack'));
    await t.app.get<DataSource>(PRIVILEGED_DATA_SOURCE).query(`update account_integrations set slack_webhook_url_encrypted = $2 where account_id = $1`, [accountId, sealed]);
    const res = await t.http.post(TEST, { channel: 'slack' }, { token: owner.token });
    expect(res.body).toEqual({ ok: false, message: 'The webhook URL must use https' });
    expect(local.requests).toEqual([]);
  });
});
