import type { DataSource } from 'typeorm';
import { PRIVILEGED_DATA_SOURCE } from '../../apps/api/src/core/database/data-sources.js';
import { TenantDatabase } from '../../apps/api/src/core/database/tenant-database.js';
import { AccountIntegrationsService } from '../../apps/api/src/modules/notifications/integrations/account-integrations.service.js';
import { HttpStandIn } from '../support/http-stand-in.js';
import { registerOwner, type SignedIn } from '../support/identity.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

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
    expect(refused.body).toEqual({ ok: false, message: 'webhook answered 404' });
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
});
