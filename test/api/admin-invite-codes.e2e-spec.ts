import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { PRIVILEGED_DATA_SOURCE } from '../../apps/api/src/core/database/data-sources.js';
import type { HttpClient } from '../support/http-client.js';
import { registerOwner, TEST_PASSWORD, testEmail, type SignedIn } from '../support/identity.js';
import { acceptInvite, invite } from '../support/team.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

const CLI = join(process.cwd(), 'apps/api/dist/apps/api/src/cli.js');

function cli(t: TestApp, ...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], {
    env: { ...process.env, DATABASE_URL: t.db.url, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
}

function register(http: HttpClient, extra: Record<string, string> = {}) {
  const person = { email: testEmail('signup'), password: TEST_PASSWORD, name: 'Sid Signup' };
  return http.fromAnotherClient().post('/api/v1/auth/register', { ...person, ...extra });
}

async function useCount(t: TestApp, code: string): Promise<number> {
  const db: DataSource = t.app.get(PRIVILEGED_DATA_SOURCE);
  const [row] = await db.query(`select use_count from platform_invite_codes where code = $1`, [code]);
  return row.use_count;
}

describe('platform invite codes', () => {
  let t: TestApp;
  let superAdmin: SignedIn;
  let owner: SignedIn;

  beforeAll(async () => {
    t = await bootTestApp();
    superAdmin = await registerOwner(t.http, { name: 'Pat Platform' });
    owner = await registerOwner(t.http);
  });
  afterAll(() => t.close());

  describe('ops CLI', () => {
    it('promotes a user to super-admin, effective on their next request', async () => {
      const result = cli(t, 'user:promote-superadmin', superAdmin.email.toUpperCase());
      expect(result.stderr).not.toMatch(/"level":"(error|fatal)"/);
      expect(result.status).toBe(0);
      expect(result.stdout).toBe(`${superAdmin.email} is now a super-admin.\n`);
      expect((await t.http.get('/api/v1/auth/me', { token: superAdmin.token })).body.superAdmin).toBe(true);
      expect((await t.http.get('/api/v1/auth/me', { token: owner.token })).body.superAdmin).toBe(false);
    });

    it('exits non-zero, saying why, for an unknown email or a missing argument', () => {
      const unknown = cli(t, 'user:promote-superadmin', 'nobody@example.test');
      expect(unknown.status).toBe(1);
      expect(unknown.stderr).toContain('No active user has the email nobody@example.test');
      const missing = cli(t, 'user:promote-superadmin');
      expect(missing.status).toBe(64);
      expect(missing.stderr).toContain('Usage: user:promote-superadmin <email>');
    });

    it('creates an invite code and prints it', async () => {
      const result = cli(t, 'invite-code:create', '--max-uses', '3', '--note', 'Beta cohort');
      expect(result.status).toBe(0);
      const code = result.stdout.trim();
      expect(code).toMatch(/^RF-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      const listed = await t.http.get('/api/v1/admin/invite-codes', { token: superAdmin.token });
      expect(listed.body.items.find((c: { code: string }) => c.code === code)).toMatchObject({
        note: 'Beta cohort',
        maxUses: 3,
        useCount: 0,
        status: 'active',
        createdBy: null,
      });

      const bad = cli(t, 'invite-code:create', '--max-uses', 'zero');
      expect(bad.status).toBe(64);
      expect(bad.stderr).toContain('--max-uses');
      expect(cli(t, 'invite-code:create', '--colour', 'red').stderr).toContain('Unknown option --colour');
    });
  });

  describe('admin API', () => {
    it('creates a readable code when none is given, or the code asked for', async () => {
      const generated = await t.http.post('/api/v1/admin/invite-codes', {}, { token: superAdmin.token });
      expect(generated.status).toBe(201);
      expect(generated.body).toEqual({
        id: expect.any(String),
        code: expect.stringMatching(/^RF-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/),
        note: null,
        maxUses: 1,
        useCount: 0,
        status: 'active',
        expiresAt: null,
        revokedAt: null,
        createdBy: superAdmin.user.id,
        createdAt: expect.any(String),
      });

      const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
      const chosen = await t.http.post(
        '/api/v1/admin/invite-codes',
        { code: 'SPRING-LAUNCH', note: 'Launch partners', maxUses: 25, expiresAt },
        { token: superAdmin.token },
      );
      expect(chosen.status).toBe(201);
      expect(chosen.body).toMatchObject({ code: 'SPRING-LAUNCH', note: 'Launch partners', maxUses: 25, expiresAt });

      const duplicate = await t.http.post('/api/v1/admin/invite-codes', { code: 'SPRING-LAUNCH' }, { token: superAdmin.token });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.error).toBe('invite_code_exists');
    });

    it('validates the body', async () => {
      const res = await t.http.post(
        '/api/v1/admin/invite-codes',
        { code: 'ab', maxUses: 0, expiresAt: new Date(Date.now() - 60_000).toISOString() },
        { token: superAdmin.token },
      );
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.details.fields).sort()).toEqual(['code', 'expiresAt', 'maxUses']);
    });

    it('lists codes newest first, page by page, and revokes one', async () => {
      const created: Array<{ id: string; code: string }> = [];
      for (let i = 0; i < 3; i += 1) {
        created.push((await t.http.post('/api/v1/admin/invite-codes', { note: `page ${i}` }, { token: superAdmin.token })).body);
      }
      const first = await t.http.get('/api/v1/admin/invite-codes?limit=2', { token: superAdmin.token });
      expect(first.body.items.map((c: { id: string }) => c.id)).toEqual([created[2]!.id, created[1]!.id]);
      const second = await t.http.get(`/api/v1/admin/invite-codes?limit=2&cursor=${first.body.nextCursor}`, { token: superAdmin.token });
      expect(second.body.items[0].id).toBe(created[0]!.id);

      expect((await t.http.delete(`/api/v1/admin/invite-codes/${created[0]!.id}`, { token: superAdmin.token })).status).toBe(204);
      const after = await t.http.get('/api/v1/admin/invite-codes?limit=100', { token: superAdmin.token });
      const revoked = after.body.items.find((c: { id: string }) => c.id === created[0]!.id);
      expect(revoked).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });
      const unknown = await t.http.delete(`/api/v1/admin/invite-codes/${crypto.randomUUID()}`, { token: superAdmin.token });
      expect(unknown.status).toBe(404);

      const refused = await register(t.http, { inviteCode: created[0]!.code });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toBe('invite_code_invalid');
    });

    it('refuses everyone who is not a super-admin', async () => {
      const code = (await t.http.post('/api/v1/admin/invite-codes', {}, { token: superAdmin.token })).body;
      for (const res of [
        await t.http.post('/api/v1/admin/invite-codes', {}, { token: owner.token }),
        await t.http.get('/api/v1/admin/invite-codes', { token: owner.token }),
        await t.http.delete(`/api/v1/admin/invite-codes/${code.id}`, { token: owner.token }),
      ]) {
        expect(res.status).toBe(403);
        expect(res.body.error).toBe('forbidden');
      }
      const key = await t.http.post('/api/v1/accounts/api-keys', { name: 'ops', role: 'admin' }, { token: superAdmin.token });
      expect((await t.http.get('/api/v1/admin/invite-codes', { token: key.body.secret })).status).toBe(403);
      expect((await t.http.get('/api/v1/admin/invite-codes')).status).toBe(401);
    });
  });
});

describe('the platform sign-up gate', () => {
  describe('REQUIRE_INVITE_CODE=true with self-serve off', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await bootTestApp({ env: { REQUIRE_INVITE_CODE: 'true', SELF_SERVE_ENABLED: 'false' } });
    });
    afterAll(() => t.close());

    it('needs a valid code, and a single-use code works once', async () => {
      const missing = await register(t.http);
      expect(missing.status).toBe(400);
      expect(missing.body.error).toBe('invite_code_required');
      const bogus = await register(t.http, { inviteCode: 'NOT-A-REAL-CODE' });
      expect(bogus.status).toBe(400);
      expect(bogus.body.error).toBe('invite_code_invalid');

      const code = cli(t, 'invite-code:create', '--max-uses', '1').stdout.trim();
      const first = await register(t.http, { inviteCode: code });
      expect(first.status).toBe(201);
      expect(first.body.user).toMatchObject({ role: 'owner', subscription: { plan: 'pro', status: 'trialing' } });
      expect(await useCount(t, code)).toBe(1);

      const second = await register(t.http, { inviteCode: code });
      expect(second.status).toBe(400);
      expect(second.body.error).toBe('invite_code_invalid');
    });

    it('lets account invitees join without a platform code', async () => {
      const code = cli(t, 'invite-code:create').stdout.trim();
      const owner = await register(t.http, { inviteCode: code });
      const issued = await invite(t.http, owner.body.accessToken, 'engineer');
      const teammate = await acceptInvite(t.http, issued);
      expect(teammate.user).toMatchObject({ role: 'engineer', account: { id: owner.body.user.account.id } });
    });
  });

  describe('REQUIRE_INVITE_CODE=true bypassed by SELF_SERVE_ENABLED=true', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await bootTestApp({ env: { REQUIRE_INVITE_CODE: 'true', SELF_SERVE_ENABLED: 'true' } });
    });
    afterAll(() => t.close());

    it('signs up without a code, but still checks and consumes a code that is given', async () => {
      expect((await register(t.http)).status).toBe(201);

      const bogus = await register(t.http, { inviteCode: 'NOT-A-REAL-CODE' });
      expect(bogus.status).toBe(400);
      expect(bogus.body.error).toBe('invite_code_invalid');

      const code = cli(t, 'invite-code:create', '--max-uses', '2').stdout.trim();
      expect((await register(t.http, { inviteCode: code })).status).toBe(201);
      expect(await useCount(t, code)).toBe(1);
    });
  });
});
