import { spawn } from 'node:child_process';
import { createCipheriv, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { encryptionKeyId, parseEncryptionKey } from '../../apps/api/src/core/security/encryption.js';
import { ConnectWiseStandIn } from '../support/connectwise-stand-in.js';
import { HttpStandIn } from '../support/http-stand-in.js';
import { registerOwner, type SignedIn } from '../support/identity.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const CLI = join(process.cwd(), 'apps/api/dist/apps/api/src/cli.js');
const KEY_A = randomBytes(32).toString('base64');
const KEY_B = randomBytes(32).toString('hex');
const ID_A = encryptionKeyId(parseEncryptionKey(KEY_A));
const ID_B = encryptionKeyId(parseEncryptionKey(KEY_B));

/** A value as sealed before key ids were stored (`v1:<iv>:<tag>:<ciphertext>`), like rows written by earlier releases. */
function legacySeal(key: string, plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', parseEncryptionKey(key), iv, { authTagLength: 16 });
  cipher.setAAD(Buffer.from(`v1|${context}`, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join(':');
}

interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built ops CLI without blocking this process, where an API may be serving meanwhile. */
function cli(db: TestDatabase, keys: { ENCRYPTION_KEY: string; ENCRYPTION_KEYS_PREVIOUS?: string }, ...args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'warn', ENCRYPTION_KEYS_PREVIOUS: '', ...keys },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('rotating the at-rest encryption key', () => {
  const cw = new ConnectWiseStandIn({ companyId: 'acme_msp' });
  const chat = new HttpStandIn(() => ({ status: 200, body: 'ok' }));
  let db: TestDatabase;
  let raw: pg.Client;
  let t: TestApp | undefined;
  let acme: SignedIn;
  let beta: SignedIn;

  const boot = async (env: Record<string, string>) => {
    t = await bootTestApp({ database: db, env: { JOBS_WORKER_ENABLED: 'false', ...env } });
    return t;
  };
  const stop = async () => {
    await t?.close();
    t = undefined;
  };

  /** Every sealed value in the database, by where it lives. */
  const sealedValues = async (): Promise<Record<string, string>> => {
    const { rows } = await raw.query<{ place: string; sealed: string }>(
      `select 'psa:' || account_id as place, private_key_encrypted as sealed from psa_connections
       union all select 'slack:' || account_id, slack_webhook_url_encrypted from account_integrations where slack_webhook_url_encrypted is not null
       union all select 'teams:' || account_id, teams_webhook_url_encrypted from account_integrations where teams_webhook_url_encrypted is not null`,
    );
    return Object.fromEntries(rows.map((r) => [r.place, r.sealed]));
  };

  /** The stored PSA key and every stored webhook still work through the API. */
  const expectSecretsUsable = async (app: TestApp) => {
    const psa = await app.http.post('/api/v1/psa/connection/test', {}, { token: acme.token });
    expect(psa.body).toMatchObject({ ok: true });
    const auth = Buffer.from(String(cw.requests.at(-1)!.headers.authorization).replace('Basic ', ''), 'base64').toString();
    expect(auth).toBe(`acme_msp+${cw.credentials.publicKey}:${cw.credentials.privateKey}`);

    for (const [who, channel, path] of [
      [acme, 'slack', '/acme/slack'],
      [acme, 'teams', '/acme/teams'],
      [beta, 'slack', '/beta/slack'],
    ] as const) {
      const sentBefore = chat.requests.filter((r) => r.path === path).length;
      const test = await app.http.post('/api/v1/accounts/integrations/test', { channel }, { token: who.token });
      expect(test.body).toEqual({ ok: true, message: 'Test message sent' });
      expect(chat.requests.filter((r) => r.path === path)).toHaveLength(sentBefore + 1);
    }
    const shown = await app.http.get('/api/v1/accounts/integrations', { token: acme.token });
    expect(shown.body).toMatchObject({ slackWebhookHost: new URL(chat.url).host, teamsWebhookHost: new URL(chat.url).host });
  };

  beforeAll(async () => {
    await Promise.all([cw.start(), chat.start()]);
    db = await createTestDatabase();
    raw = new pg.Client({ connectionString: db.url });
    await raw.connect();
  });
  afterAll(async () => {
    await stop();
    await raw?.end();
    await db?.drop();
    await Promise.all([cw.stop(), chat.stop()]);
  });

  it('stores secrets sealed with key A, each naming its key', async () => {
    const app = await boot({ ENCRYPTION_KEY: KEY_A });
    acme = await registerOwner(app.http, { accountName: 'Acme MSP' });
    beta = await registerOwner(app.http, { accountName: 'Beta MSP' });
    expect((await app.http.put('/api/v1/psa/connection', cw.connectionSettings(), { token: acme.token })).status).toBe(200);
    const webhooks = { slackWebhookUrl: `${chat.url}/acme/slack`, teamsWebhookUrl: `${chat.url}/acme/teams` };
    expect((await app.http.put('/api/v1/accounts/integrations', webhooks, { token: acme.token })).status).toBe(200);
    expect((await app.http.put('/api/v1/accounts/integrations', { slackWebhookUrl: `${chat.url}/beta/slack` }, { token: beta.token })).status).toBe(200);
    // Beta's webhook as an earlier release stored it: no key id.
    const betaId = beta.user.account.id;
    await raw.query(`update account_integrations set slack_webhook_url_encrypted = $2 where account_id = $1`, [
      betaId,
      legacySeal(KEY_A, `${chat.url}/beta/slack`, `account_integrations.slack:${betaId}`),
    ]);

    const sealed = await sealedValues();
    expect(Object.keys(sealed)).toHaveLength(4);
    for (const [place, value] of Object.entries(sealed)) {
      expect(value.startsWith(place === `slack:${betaId}` ? 'v1:' : `v1:${ID_A}:`)).toBe(true);
      expect(value.split(':')).toHaveLength(place === `slack:${betaId}` ? 4 : 5);
    }
    await expectSecretsUsable(app);
    await stop();
  }, 60_000);

  it('refuses, naming the key id, to open values whose key is not configured', async () => {
    const before = await sealedValues();
    const result = await cli(db, { ENCRYPTION_KEY: KEY_B }, 'secrets:rotate', '--dry-run');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`cannot open psa_connections.private_key:${acme.user.account.id}: The encrypted value was sealed with encryption key ${ID_A}`);
    expect(result.stdout).toContain(`cannot open account_integrations.slack:${beta.user.account.id}: The encrypted value cannot be decrypted`);
    expect(result.stdout).toMatch(/psa_connections: 0 to re-seal, 0 already current, 1 cannot be opened/);
    expect(result.stderr).toMatch(/4 stored secret\(s\) cannot be opened.*keep ENCRYPTION_KEYS_PREVIOUS/);
    expect(await sealedValues()).toEqual(before);
  }, 60_000);

  it('boots with key B and previous key A and still uses every stored secret', async () => {
    const app = await boot({ ENCRYPTION_KEY: KEY_B, ENCRYPTION_KEYS_PREVIOUS: `${randomBytes(32).toString('hex')}, ${KEY_A}` });
    await expectSecretsUsable(app);
  }, 60_000);

  it('counts with --dry-run and changes nothing', async () => {
    const before = await sealedValues();
    const result = await cli(db, { ENCRYPTION_KEY: KEY_B, ENCRYPTION_KEYS_PREVIOUS: KEY_A }, 'secrets:rotate', '--dry-run');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Dry run: counting stored secrets with encryption key ${ID_B}`);
    expect(result.stdout).toContain('psa_connections: 1 to re-seal, 0 already current');
    expect(result.stdout).toContain('account_integrations: 2 to re-seal, 0 already current');
    expect(await sealedValues()).toEqual(before);
  }, 60_000);

  it('re-seals every stored secret with key B in batches, once', async () => {
    const before = await sealedValues();
    const psaUpdatedAt = (await raw.query(`select updated_at from psa_connections`)).rows[0].updated_at;
    const keys = { ENCRYPTION_KEY: KEY_B, ENCRYPTION_KEYS_PREVIOUS: KEY_A };

    const first = await cli(db, keys, 'secrets:rotate', '--batch-size', '1');
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('psa_connections: 1 re-sealed, 0 already current');
    expect(first.stdout).toContain('account_integrations: 2 re-sealed, 0 already current');
    const after = await sealedValues();
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const [place, value] of Object.entries(after)) {
      expect(value).not.toBe(before[place]);
      expect(value.startsWith(`v1:${ID_B}:`)).toBe(true);
    }
    // A rotation is not a settings change.
    expect((await raw.query(`select updated_at from psa_connections`)).rows[0].updated_at).toEqual(psaUpdatedAt);

    const second = await cli(db, keys, 'secrets:rotate');
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('psa_connections: 0 re-sealed, 1 already current');
    expect(second.stdout).toContain('account_integrations: 0 re-sealed, 2 already current');
    expect(await sealedValues()).toEqual(after);
    await stop();
  }, 60_000);

  it('boots with key B alone afterwards and still uses every stored secret', async () => {
    const app = await boot({ ENCRYPTION_KEY: KEY_B });
    await expectSecretsUsable(app);
  }, 60_000);

  it('refuses a bad previous key at boot, naming the variable', async () => {
    const result = await cli(db, { ENCRYPTION_KEY: KEY_B, ENCRYPTION_KEYS_PREVIOUS: `${KEY_A},short` }, 'secrets:rotate');
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('ENCRYPTION_KEYS_PREVIOUS: key 2 must be');
  });
});
