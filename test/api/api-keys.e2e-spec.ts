import { Controller, Get, Module } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { CurrentPrincipal, Roles } from '../../apps/api/src/core/auth/auth.decorators.js';
import type { Principal } from '../../apps/api/src/core/auth/principal.js';
import { PRIVILEGED_DATA_SOURCE } from '../../apps/api/src/core/database/data-sources.js';
import { registerOwner, testEmail, type SignedIn } from '../support/identity.js';
import { addTeammate } from '../support/team.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

/** A route only engineers and up may call, standing in for the engineer features (sessions, handoffs). */
@Controller('probe')
class EngineerProbeController {
  @Get('engineer-zone')
  @Roles('engineer', 'admin', 'owner')
  whoAmI(@CurrentPrincipal() principal: Principal) {
    return { kind: principal.kind, accountId: principal.accountId, role: principal.role };
  }
}

@Module({ controllers: [EngineerProbeController] })
class EngineerProbeModule {}

describe('account API keys', () => {
  let t: TestApp;
  let db: DataSource;
  let owner: SignedIn;

  beforeAll(async () => {
    t = await bootTestApp({ extraModules: [EngineerProbeModule] });
    db = t.app.get(PRIVILEGED_DATA_SOURCE);
    owner = await registerOwner(t.http);
  });
  afterAll(() => t.close());

  async function createKey(role: string, token = owner.token, name = `${role} key`) {
    const res = await t.http.post('/api/v1/accounts/api-keys', { name, role }, { token });
    expect(res.status).toBe(201);
    return res.body as { id: string; secret: string; prefix: string; role: string };
  }

  it('creates a key whose secret is shown once and stored only as a digest', async () => {
    const res = await t.http.post('/api/v1/accounts/api-keys', { name: '  PSA sync  ', role: 'engineer' }, { token: owner.token });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      name: 'PSA sync',
      role: 'engineer',
      prefix: res.body.secret.slice(0, 12),
      createdBy: owner.user.id,
      lastUsedAt: null,
      revokedAt: null,
      createdAt: expect.any(String),
      secret: expect.stringMatching(/^rfk_[A-Za-z0-9_-]{43}$/),
    });

    const [row] = await db.query(`select to_jsonb(k) as row from api_keys k where id = $1`, [res.body.id]);
    expect(row.row.key_hash).toBe(createHash('sha256').update(res.body.secret).digest('hex'));
    expect(JSON.stringify(row.row)).not.toContain(res.body.secret);

    const listed = await t.http.get('/api/v1/accounts/api-keys', { token: owner.token });
    expect(listed.status).toBe(200);
    const item = listed.body.items.find((k: { id: string }) => k.id === res.body.id);
    expect(item).toMatchObject({ name: 'PSA sync', prefix: res.body.prefix });
    expect(item).not.toHaveProperty('secret');
    expect(listed.text).not.toContain(res.body.secret);

    const audit = await db.query(`select action from audit_events where target_id = $1`, [res.body.id]);
    expect(audit).toEqual([{ action: 'api_key.created' }]);
  });

  it('acts in its own account with the role it was given', async () => {
    const engineerKey = await createKey('engineer');
    const viewerKey = await createKey('viewer');
    const adminKey = await createKey('admin');

    const asEngineer = await t.http.get('/api/v1/probe/engineer-zone', { token: engineerKey.secret });
    expect(asEngineer.status).toBe(200);
    expect(asEngineer.body).toEqual({ kind: 'api_key', accountId: owner.user.account.id, role: 'engineer' });
    expect((await t.http.get('/api/v1/accounts/members', { token: engineerKey.secret })).status).toBe(403);

    const asViewer = await t.http.get('/api/v1/probe/engineer-zone', { token: viewerKey.secret });
    expect(asViewer.status).toBe(403);
    expect(asViewer.body).toMatchObject({ error: 'forbidden', message: 'Engineer or admin access required' });
    const viewerOnAdmin = await t.http.get('/api/v1/accounts/members', { token: viewerKey.secret });
    expect(viewerOnAdmin.status).toBe(403);
    expect(viewerOnAdmin.body.message).toBe('Admin access required');

    const otherAccount = await registerOwner(t.http);
    const asAdmin = await t.http.get('/api/v1/accounts/members', { token: adminKey.secret });
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body.items.map((m: { id: string }) => m.id)).toEqual([owner.user.id]);
    expect(asAdmin.text).not.toContain(otherAccount.user.id);
    const invited = await t.http.post('/api/v1/accounts/invites', { email: testEmail('via-key'), role: 'viewer' }, { token: adminKey.secret });
    expect(invited.status).toBe(201);
    expect(invited.body.invitedBy).toBe(owner.user.id);
  });

  it('records when a key was last used', async () => {
    const key = await createKey('engineer');
    await t.http.get('/api/v1/probe/engineer-zone', { token: key.secret });
    const listed = await t.http.get('/api/v1/accounts/api-keys', { token: owner.token });
    const item = listed.body.items.find((k: { id: string }) => k.id === key.id);
    expect(Date.now() - Date.parse(item.lastUsedAt)).toBeLessThan(60_000);
  });

  it('revokes a key: it stops working at once, stays listed as revoked, and revoking again is harmless', async () => {
    const key = await createKey('admin');
    expect((await t.http.get('/api/v1/accounts/members', { token: key.secret })).status).toBe(200);

    expect((await t.http.delete(`/api/v1/accounts/api-keys/${key.id}`, { token: owner.token })).status).toBe(204);
    const refused = await t.http.get('/api/v1/accounts/members', { token: key.secret });
    expect(refused.status).toBe(401);
    expect(refused.body.error).toBe('unauthorized');

    const listed = await t.http.get('/api/v1/accounts/api-keys', { token: owner.token });
    expect(listed.body.items.find((k: { id: string }) => k.id === key.id).revokedAt).toEqual(expect.any(String));
    expect((await t.http.delete(`/api/v1/accounts/api-keys/${key.id}`, { token: owner.token })).status).toBe(204);
    expect((await t.http.delete(`/api/v1/accounts/api-keys/${crypto.randomUUID()}`, { token: owner.token })).status).toBe(404);
    const audit = await db.query(`select action from audit_events where target_id = $1 order by id`, [key.id]);
    expect(audit).toEqual([{ action: 'api_key.created' }, { action: 'api_key.revoked' }]);
  });

  it('does not let a key mint more keys', async () => {
    const key = await createKey('admin');
    const res = await t.http.post('/api/v1/accounts/api-keys', { name: 'successor', role: 'admin' }, { token: key.secret });
    expect(res.status).toBe(403);
    expect(res.body.error).toBe('forbidden');
  });

  it('rejects an unknown key and a key-shaped guess', async () => {
    const res = await t.http.get('/api/v1/probe/engineer-zone', { token: 'rfk_this-is-not-a-real-key-0000000000000000000' });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('unauthorized');
  });

  it('validates the body', async () => {
    const res = await t.http.post('/api/v1/accounts/api-keys', { name: ' ', role: 'owner' }, { token: owner.token });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.details.fields).sort()).toEqual(['name', 'role']);
  });

  it('lists keys newest first, page by page', async () => {
    const account = await registerOwner(t.http);
    const keys = [await createKey('viewer', account.token), await createKey('viewer', account.token), await createKey('viewer', account.token)];
    const first = await t.http.get('/api/v1/accounts/api-keys?limit=2', { token: account.token });
    expect(first.body.items.map((k: { id: string }) => k.id)).toEqual([keys[2]!.id, keys[1]!.id]);
    const second = await t.http.get(`/api/v1/accounts/api-keys?limit=2&cursor=${first.body.nextCursor}`, { token: account.token });
    expect(second.body).toEqual({ items: [expect.objectContaining({ id: keys[0]!.id })], nextCursor: null });
  });

  it('is for owners and admins only', async () => {
    const admin = await addTeammate(t.http, owner.token, 'admin');
    await createKey('viewer', admin.token);
    for (const role of ['engineer', 'viewer'] as const) {
      const member = await addTeammate(t.http, owner.token, role);
      const res = await t.http.post('/api/v1/accounts/api-keys', { name: 'mine', role: 'viewer' }, { token: member.token });
      expect(res.status).toBe(403);
      expect(res.body.message).toBe('Admin access required');
      expect((await t.http.get('/api/v1/accounts/api-keys', { token: member.token })).status).toBe(403);
    }
  });
});
