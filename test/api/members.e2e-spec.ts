import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { PRIVILEGED_DATA_SOURCE } from '../../apps/api/src/core/database/data-sources.js';
import { registerOwner, type SignedIn } from '../support/identity.js';
import { addTeammate } from '../support/team.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

const CLI = join(process.cwd(), 'apps/api/dist/apps/api/src/cli.js');

describe('account members', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await bootTestApp();
    db = t.app.get(PRIVILEGED_DATA_SOURCE);
  });
  afterAll(() => t.close());

  const members = (token: string, query = '') => t.http.get(`/api/v1/accounts/members${query}`, { token });
  const setRole = (token: string, userId: string, role: string) => t.http.patch(`/api/v1/accounts/members/${userId}`, { role }, { token });
  const remove = (token: string, userId: string) => t.http.delete(`/api/v1/accounts/members/${userId}`, { token });

  /** An owner with an admin, an engineer and a viewer, all joined through invites. */
  async function team() {
    const owner = await registerOwner(t.http);
    const admin = await addTeammate(t.http, owner.token, 'admin', 'Ada Admin');
    const engineer = await addTeammate(t.http, owner.token, 'engineer', 'Eve Engineer');
    const viewer = await addTeammate(t.http, owner.token, 'viewer', 'Vic Viewer');
    return { owner, admin, engineer, viewer };
  }

  it('lists the active members with their roles, oldest first, page by page', async () => {
    const { owner, admin, engineer, viewer } = await team();
    const res = await members(owner.token);
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.items.map((m: { id: string; role: string }) => [m.id, m.role])).toEqual([
      [owner.user.id, 'owner'],
      [admin.user.id, 'admin'],
      [engineer.user.id, 'engineer'],
      [viewer.user.id, 'viewer'],
    ]);
    expect(res.body.items[1]).toEqual({
      id: admin.user.id,
      email: admin.email,
      name: 'Ada Admin',
      role: 'admin',
      emailVerified: true,
      createdAt: expect.any(String),
    });

    const first = await members(admin.token, '?limit=3');
    expect(first.body.items).toHaveLength(3);
    const second = await members(admin.token, `?limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body).toEqual({ items: [expect.objectContaining({ id: viewer.user.id })], nextCursor: null });
  });

  it('changes a role, effective on the member’s next request, and audits it', async () => {
    const { admin, engineer } = await team();
    const res = await setRole(admin.token, engineer.user.id, 'viewer');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: engineer.user.id, role: 'viewer' });
    expect((await t.http.get('/api/v1/auth/me', { token: engineer.token })).body.role).toBe('viewer');

    const audit = await db.query(`select action, actor_user_id, data from audit_events where target_id = $1`, [engineer.user.id]);
    expect(audit).toEqual([{ action: 'member.role_changed', actor_user_id: admin.user.id, data: { from: 'engineer', to: 'viewer' } }]);
  });

  it('lets only owners grant or take away ownership', async () => {
    const { owner, admin, engineer } = await team();
    const attempts = [
      await setRole(admin.token, engineer.user.id, 'owner'),
      await setRole(admin.token, owner.user.id, 'admin'),
      await remove(admin.token, owner.user.id),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(403);
      expect(res.body.error).toBe('forbidden');
    }
    expect((await setRole(owner.token, admin.user.id, 'owner')).body.role).toBe('owner');
    // Now a co-owner, the former admin may hand ownership back down.
    expect((await setRole(admin.token, owner.user.id, 'engineer')).body.role).toBe('engineer');
  });

  it('refuses a change of your own role', async () => {
    const { owner, admin } = await team();
    for (const actor of [owner, admin]) {
      const res = await setRole(actor.token, actor.user.id, 'viewer');
      expect(res.status).toBe(422);
      expect(res.body.error).toBe('cannot_change_own_role');
    }
  });

  it('keeps the last owner: it cannot leave, while a co-owner can', async () => {
    const { owner, admin } = await team();
    const alone = await remove(owner.token, owner.user.id);
    expect(alone.status).toBe(409);
    expect(alone.body.error).toBe('last_owner');

    await setRole(owner.token, admin.user.id, 'owner');
    expect((await remove(owner.token, owner.user.id)).status).toBe(204);
    const last = await remove(admin.token, admin.user.id);
    expect(last.status).toBe(409);
    expect(last.body.error).toBe('last_owner');
  });

  it('never lets two owners demoting each other at once leave the account without an owner', async () => {
    for (let round = 0; round < 4; round += 1) {
      const owner = await registerOwner(t.http);
      const coOwner = await addTeammate(t.http, owner.token, 'admin');
      await setRole(owner.token, coOwner.user.id, 'owner');

      const [a, b] = await Promise.all([setRole(owner.token, coOwner.user.id, 'admin'), setRole(coOwner.token, owner.user.id, 'admin')]);
      expect([a.status, b.status]).toContain(200);
      const [{ owners }] = await db.query(
        `select count(*)::int as owners from users where account_id = $1 and role = 'owner' and removed_at is null`,
        [owner.user.account.id],
      );
      expect(owners).toBe(1);
    }
  });

  it('removes a member: signed out at once, refresh tokens revoked, gone from the list', async () => {
    const { owner, engineer } = await team();
    expect((await remove(owner.token, engineer.user.id)).status).toBe(204);

    expect((await t.http.get('/api/v1/auth/me', { token: engineer.token })).status).toBe(401);
    const [{ live }] = await db.query(`select count(*)::int as live from refresh_tokens where user_id = $1 and revoked_at is null`, [
      engineer.user.id,
    ]);
    expect(live).toBe(0);
    expect((await t.http.post('/api/v1/auth/refresh', { refreshToken: engineer.refreshToken })).status).toBe(401);
    expect((await t.http.post('/api/v1/auth/login', { email: engineer.email, password: engineer.password })).status).toBe(401);

    const listed = await members(owner.token);
    expect(listed.body.items.map((m: { id: string }) => m.id)).not.toContain(engineer.user.id);
    const [row] = await db.query(`select removed_at from users where id = $1`, [engineer.user.id]);
    expect(row.removed_at).not.toBeNull();

    expect((await remove(owner.token, engineer.user.id)).status).toBe(404);
    expect((await setRole(owner.token, engineer.user.id, 'viewer')).status).toBe(404);
    const audit = await db.query(`select action from audit_events where target_id = $1`, [engineer.user.id]);
    expect(audit).toEqual([{ action: 'member.removed' }]);
  });

  it('validates the role and the id', async () => {
    const { owner, engineer } = await team();
    const badRole = await setRole(owner.token, engineer.user.id, 'superuser');
    expect(badRole.status).toBe(400);
    expect(Object.keys(badRole.body.details.fields)).toEqual(['role']);
    const badId = await setRole(owner.token, 'not-a-uuid', 'viewer');
    expect(badId.status).toBe(400);
    expect(Object.keys(badId.body.details.fields)).toEqual(['userId']);
    expect((await setRole(owner.token, crypto.randomUUID(), 'viewer')).status).toBe(404);
  });

  it('is for owners and admins only', async () => {
    const { engineer, viewer } = await team();
    for (const member of [engineer, viewer] as SignedIn[]) {
      const res = await members(member.token);
      expect(res.status).toBe(403);
      expect(res.body.message).toBe('Admin access required');
      expect((await setRole(member.token, member.user.id, 'admin')).status).toBe(403);
      expect((await remove(member.token, member.user.id)).status).toBe(403);
    }
  });

  it('seeds the demo team: an onboarded owner, two engineers and a viewer who can sign in', async () => {
    const seed = () =>
      spawnSync(process.execPath, [CLI, 'seed:demo'], { env: { ...process.env, DATABASE_URL: t.db.url, LOG_LEVEL: 'warn' }, encoding: 'utf8' });
    const first = seed();
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('created  user owner@demo.resolutionflow.test');

    const login = await t.http.post('/api/v1/auth/login', { email: 'owner@demo.resolutionflow.test', password: 'demo-password-123' });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({
      role: 'owner',
      emailVerified: true,
      onboardingStepCompleted: 3,
      account: { name: 'Northwind IT Services' },
    });
    const team = await members(login.body.accessToken);
    expect(team.body.items.map((m: { email: string; role: string }) => [m.email, m.role]).sort()).toEqual([
      ['engineer@demo.resolutionflow.test', 'engineer'],
      ['owner@demo.resolutionflow.test', 'owner'],
      ['senior@demo.resolutionflow.test', 'engineer'],
      ['viewer@demo.resolutionflow.test', 'viewer'],
    ]);

    const second = seed();
    expect(second.status).toBe(0);
    expect(second.stdout).not.toContain('created');
    expect(second.stdout).toContain('exists   user viewer@demo.resolutionflow.test');
    expect((await members(login.body.accessToken)).body.items).toHaveLength(4);
  });
});
