import { mailTo, registerOwner, tokenFromMail, type SignedIn } from '../support/identity.js';
import { SmtpCapture } from '../support/smtp-capture.js';
import { addTeammate, invite, inviteCodeOf } from '../support/team.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

describe('access guards', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(() => t.close());

  describe('role matrix', () => {
    it('opens account administration to owners and admins, and platform administration to super-admins only', async () => {
      const owner = await registerOwner(t.http);
      const team: Record<string, SignedIn> = { owner };
      for (const role of ['admin', 'engineer', 'viewer'] as const) team[role] = await addTeammate(t.http, owner.token, role);

      const answers: Record<string, number[]> = {};
      for (const [role, member] of Object.entries(team)) {
        answers[role] = [
          (await t.http.get('/api/v1/accounts/members', { token: member.token })).status,
          (await t.http.get('/api/v1/accounts/invites', { token: member.token })).status,
          (await t.http.get('/api/v1/accounts/api-keys', { token: member.token })).status,
          (await t.http.get('/api/v1/admin/invite-codes', { token: member.token })).status,
        ];
      }
      expect(answers).toEqual({
        owner: [200, 200, 200, 403],
        admin: [200, 200, 200, 403],
        engineer: [403, 403, 403, 403],
        viewer: [403, 403, 403, 403],
      });

      const denied = await t.http.get('/api/v1/accounts/members', { token: team.engineer!.token });
      expect(denied.body).toEqual({ statusCode: 403, error: 'forbidden', message: 'Admin access required' });
      const platform = await t.http.get('/api/v1/admin/invite-codes', { token: owner.token });
      expect(platform.body).toEqual({ statusCode: 403, error: 'forbidden', message: 'Platform administrator access required' });
    });

    it('asks for credentials on every account and admin route', async () => {
      const id = crypto.randomUUID();
      const calls = [
        t.http.post('/api/v1/accounts/invites', { email: 'a@example.test', role: 'viewer' }),
        t.http.get('/api/v1/accounts/invites'),
        t.http.delete(`/api/v1/accounts/invites/${id}`),
        t.http.post(`/api/v1/accounts/invites/${id}/resend`),
        t.http.get('/api/v1/accounts/members'),
        t.http.patch(`/api/v1/accounts/members/${id}`, { role: 'viewer' }),
        t.http.delete(`/api/v1/accounts/members/${id}`),
        t.http.post('/api/v1/accounts/api-keys', { name: 'k', role: 'viewer' }),
        t.http.get('/api/v1/accounts/api-keys'),
        t.http.delete(`/api/v1/accounts/api-keys/${id}`),
        t.http.post('/api/v1/admin/invite-codes', {}),
        t.http.get('/api/v1/admin/invite-codes'),
        t.http.delete(`/api/v1/admin/invite-codes/${id}`),
      ];
      for (const res of await Promise.all(calls)) {
        expect(res.status).toBe(401);
        expect(res.body.error).toBe('unauthorized');
      }
    });
  });

  describe('tenant isolation', () => {
    it("answers 404 for every id of another account and leaves that account's data as it was", async () => {
      const a = await registerOwner(t.http, { accountName: 'Alpha IT' });
      const b = await registerOwner(t.http, { accountName: 'Bravo IT' });
      const bEngineer = await addTeammate(t.http, b.token, 'engineer');
      const bInvite = await invite(t.http, b.token, 'viewer');
      const bKeyRes = await t.http.post('/api/v1/accounts/api-keys', { name: 'Bravo key', role: 'admin' }, { token: b.token });
      const bKey = bKeyRes.body as { id: string; secret: string };

      const unknown = await t.http.delete(`/api/v1/accounts/invites/${crypto.randomUUID()}`, { token: a.token });
      const attempts = {
        revokeInvite: await t.http.delete(`/api/v1/accounts/invites/${bInvite.id}`, { token: a.token }),
        resendInvite: await t.http.post(`/api/v1/accounts/invites/${bInvite.id}/resend`, undefined, { token: a.token }),
        changeRole: await t.http.patch(`/api/v1/accounts/members/${bEngineer.user.id}`, { role: 'owner' }, { token: a.token }),
        removeOwner: await t.http.delete(`/api/v1/accounts/members/${b.user.id}`, { token: a.token }),
        removeMember: await t.http.delete(`/api/v1/accounts/members/${bEngineer.user.id}`, { token: a.token }),
        revokeKey: await t.http.delete(`/api/v1/accounts/api-keys/${bKey.id}`, { token: a.token }),
      };
      for (const [name, res] of Object.entries(attempts)) {
        expect({ name, status: res.status, error: res.body.error }).toEqual({ name, status: 404, error: 'not_found' });
      }
      // Indistinguishable from an id that exists nowhere.
      expect(attempts.revokeInvite.text).toBe(unknown.text);

      const aLists = [
        await t.http.get('/api/v1/accounts/invites', { token: a.token }),
        await t.http.get('/api/v1/accounts/members', { token: a.token }),
        await t.http.get('/api/v1/accounts/api-keys', { token: a.token }),
      ];
      for (const list of aLists) {
        for (const bId of [bInvite.id, bEngineer.user.id, b.user.id, bKey.id]) expect(list.text).not.toContain(bId);
      }

      const bInvites = await t.http.get('/api/v1/accounts/invites', { token: b.token });
      const bInviteNow = bInvites.body.items.find((i: { id: string }) => i.id === bInvite.id);
      expect(bInviteNow).toMatchObject({ status: 'pending', expiresAt: bInvite.expiresAt });
      expect((await t.http.get(`/api/v1/accounts/invites/${inviteCodeOf(bInvite.inviteUrl)}/lookup`)).status).toBe(200);
      const bMembers = await t.http.get('/api/v1/accounts/members', { token: bKey.secret });
      expect(bMembers.status).toBe(200);
      expect(bMembers.body.items.map((m: { id: string; role: string }) => [m.id, m.role])).toEqual([
        [b.user.id, 'owner'],
        [bEngineer.user.id, 'engineer'],
      ]);
      expect((await t.http.get('/api/v1/auth/me', { token: bEngineer.token })).status).toBe(200);
      expect((await t.http.post('/api/v1/auth/refresh', { refreshToken: bEngineer.refreshToken })).status).toBe(200);
    });
  });

  describe('email verification', () => {
    it('lets an unverified user in everywhere inside the grace period', async () => {
      const owner = await registerOwner(t.http);
      expect(owner.user.emailVerified).toBe(false);
      expect((await t.http.get('/api/v1/accounts/members', { token: owner.token })).status).toBe(200);
    });

    describe('after the grace period', () => {
      let strict: TestApp;
      const smtp = new SmtpCapture();
      beforeAll(async () => {
        await smtp.start();
        strict = await bootTestApp({ env: { EMAIL_VERIFICATION_GRACE_HOURS: '0', SMTP_URL: smtp.url } });
      });
      afterAll(async () => {
        await strict.close();
        await smtp.stop();
      });

      it('stops an unverified user at guarded routes but keeps the allowlisted ones open, until the address is verified', async () => {
        const owner = await registerOwner(strict.http);
        const guarded = await strict.http.get('/api/v1/accounts/members', { token: owner.token });
        expect(guarded.status).toBe(403);
        expect(guarded.body).toMatchObject({ error: 'email_verification_required', details: { deadline: expect.any(String) } });
        const inviting = await strict.http.post('/api/v1/accounts/invites', { email: 'x@example.test', role: 'viewer' }, { token: owner.token });
        expect(inviting.body.error).toBe('email_verification_required');

        expect((await strict.http.get('/api/v1/auth/me', { token: owner.token })).status).toBe(200);
        expect((await strict.http.post('/api/v1/auth/resend-verification', undefined, { token: owner.token })).status).toBe(202);
        expect((await strict.http.get('/api/v1/config/public')).status).toBe(200);

        // The resent link replaced the first one.
        await mailTo(smtp, owner.email, /confirm your email/i);
        await smtp.waitFor(() => smtp.messages.filter((m) => m.to.includes(owner.email)).length === 2);
        const token = tokenFromMail(smtp.messages.filter((m) => m.to.includes(owner.email)).at(-1)!);
        expect((await strict.http.post('/api/v1/auth/verify-email', { token })).status).toBe(204);
        expect((await strict.http.get('/api/v1/accounts/members', { token: owner.token })).status).toBe(200);
      });
    });
  });
});
