import type { AuthResponse, IssuedInvite } from '@resolutionflow/contracts';
import type { DataSource } from 'typeorm';
import { PRIVILEGED_DATA_SOURCE } from '../../apps/api/src/core/database/data-sources.js';
import { EntitlementsService } from '../../apps/api/src/modules/billing/entitlements.service.js';
import { registerOwner, TEST_PASSWORD, testEmail, type SignedIn } from '../support/identity.js';
import { createSession, lapseSubscription, SESSIONS } from '../support/sessions.js';
import { addTeammate, invite, inviteCodeOf } from '../support/team.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

const INVITES = '/api/v1/accounts/invites';

/** The first instant of next month in UTC, as the API reports it. */
function nextMonthStart(now = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString();
}

describe('plan limits (seats and monthly sessions) are enforced', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await bootTestApp();
    db = t.app.get(PRIVILEGED_DATA_SOURCE);
    // Three seats keep the Pro trial's accounts small enough to fill in a test.
    await db.query(`update plan_limits set seats = 3 where plan = 'pro'`);
  });
  afterAll(() => t.close());

  /** Changes a plan's limits as a super-admin edit would, so this process's cached entitlements follow at once. */
  async function setLimits(plan: string, limits: { seats?: number | null; monthlySessions?: number | null }) {
    if ('seats' in limits) await db.query(`update plan_limits set seats = $2 where plan = $1`, [plan, limits.seats]);
    if ('monthlySessions' in limits) await db.query(`update plan_limits set monthly_sessions = $2 where plan = $1`, [plan, limits.monthlySessions]);
    t.app.get(EntitlementsService).dropLocal({ plan });
  }

  const inviteRes = (who: SignedIn, email = testEmail('seat')) => t.http.post(INVITES, { email, role: 'engineer' }, { token: who.token });
  const revoke = (who: SignedIn, id: string) => t.http.delete(`${INVITES}/${id}`, { token: who.token });
  const resend = (who: SignedIn, id: string) => t.http.post(`${INVITES}/${id}/resend`, {}, { token: who.token });
  const removeMember = (who: SignedIn, userId: string) => t.http.delete(`/api/v1/accounts/members/${userId}`, { token: who.token });
  const lookup = (issued: IssuedInvite) => t.http.get(`${INVITES}/${encodeURIComponent(inviteCodeOf(issued.inviteUrl))}/lookup`);
  const register = (issued: IssuedInvite) =>
    t.http.fromAnotherClient().post<AuthResponse>('/api/v1/auth/register', {
      email: issued.email,
      password: TEST_PASSWORD,
      name: 'Late Joiner',
      accountInviteCode: inviteCodeOf(issued.inviteUrl),
    });
  const openInvites = async (accountId: string) =>
    (
      await db.query(
        `select count(*)::int as n from account_invites where account_id = $1 and used_at is null and revoked_at is null and expires_at > now()`,
        [accountId],
      )
    )[0].n as number;
  const userWith = async (email: string) => (await db.query(`select id from users where email = $1`, [email])).length;

  describe('seats: active members plus open invites', () => {
    it('refuses the invite past the last seat with seat_limit_reached, telling how to free one', async () => {
      const owner = await registerOwner(t.http);
      await invite(t.http, owner.token, 'engineer');
      await invite(t.http, owner.token, 'viewer');

      const email = testEmail('fourth');
      const res = await inviteRes(owner, email);

      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ statusCode: 409, error: 'seat_limit_reached', details: { seats: 3, used: 3 } });
      expect(res.body.message).toMatch(/upgrade the plan, remove a member or revoke an invite/);
      expect(await db.query(`select id from account_invites where email = $1`, [email])).toEqual([]);
    });

    it('frees a seat when an invite is revoked', async () => {
      const owner = await registerOwner(t.http);
      const first = await invite(t.http, owner.token, 'engineer');
      await invite(t.http, owner.token, 'engineer');
      expect((await inviteRes(owner)).status).toBe(409);

      expect((await revoke(owner, first.id)).status).toBe(204);
      expect((await inviteRes(owner)).status).toBe(201);
      expect((await inviteRes(owner)).status).toBe(409);
    });

    it('frees a seat when a member is removed', async () => {
      const owner = await registerOwner(t.http);
      const member = await addTeammate(t.http, owner.token, 'engineer');
      await invite(t.http, owner.token, 'engineer');
      expect((await inviteRes(owner)).body.error).toBe('seat_limit_reached');

      expect((await removeMember(owner, member.user.id)).status).toBe(204);
      expect((await inviteRes(owner)).status).toBe(201);
    });

    it('counts a resent invite once, and an expired invite not at all until it is resent', async () => {
      const owner = await registerOwner(t.http);
      const kept = await invite(t.http, owner.token, 'engineer');
      const lapsed = await invite(t.http, owner.token, 'engineer');
      // Full: resending one of the invites that fill it is still allowed.
      expect((await resend(owner, kept.id)).status).toBe(200);

      await db.query(`update account_invites set expires_at = now() - interval '1 minute' where id = $1`, [lapsed.id]);
      expect((await inviteRes(owner)).status).toBe(201);
      const revived = await resend(owner, lapsed.id);
      expect(revived.status).toBe(409);
      expect(revived.body).toMatchObject({ error: 'seat_limit_reached', details: { seats: 3, used: 3 } });
    });

    it('lets exactly one of concurrent invites take the last seat', async () => {
      const owner = await registerOwner(t.http);
      await invite(t.http, owner.token, 'engineer');

      const answers = await Promise.all(Array.from({ length: 6 }, () => inviteRes(owner)));

      expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
      expect(answers.filter((a) => a.status === 409).map((a) => a.body.error)).toEqual(Array(5).fill('seat_limit_reached'));
      expect(await openInvites(owner.user.account.id)).toBe(2);
    });

    it('refuses to let an invitee join once members fill a lowered plan, and keeps the invite usable', async () => {
      const owner = await registerOwner(t.http);
      const member = await addTeammate(t.http, owner.token, 'engineer');
      const pending = await invite(t.http, owner.token, 'engineer');
      await setLimits('pro', { seats: 2 });
      try {
        const refused = await register(pending);
        expect(refused.status).toBe(409);
        expect(refused.body).toMatchObject({ error: 'seat_limit_reached', details: { seats: 2, used: 3 } });
        expect(refused.body.message).toMatch(/Ask the team's owner or an admin/);
        expect(await userWith(pending.email)).toBe(0);
        expect((await lookup(pending)).status).toBe(200);

        expect((await removeMember(owner, member.user.id)).status).toBe(204);
        const joined = await register(pending);
        expect(joined.status).toBe(201);
        expect(joined.body.user.account.id).toBe(owner.user.account.id);
      } finally {
        await setLimits('pro', { seats: 3 });
      }
    });

    it('lets only one of two invitees racing for the last seat join', async () => {
      const owner = await registerOwner(t.http);
      const [first, second] = [await invite(t.http, owner.token, 'engineer'), await invite(t.http, owner.token, 'viewer')];
      await setLimits('pro', { seats: 2 });
      try {
        const answers = await Promise.all([register(first), register(second)]);
        expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
        const [{ members }] = await db.query(`select count(*)::int as members from users where account_id = $1 and removed_at is null`, [
          owner.user.account.id,
        ]);
        expect(members).toBe(2);
      } finally {
        await setLimits('pro', { seats: 3 });
      }
    });

    it("counts each account's own seats only", async () => {
      const full = await registerOwner(t.http, { accountName: 'Full IT' });
      const other = await registerOwner(t.http, { accountName: 'Other IT' });
      await addTeammate(t.http, full.token, 'engineer');
      await invite(t.http, full.token, 'engineer');
      expect((await inviteRes(full)).status).toBe(409);

      await invite(t.http, other.token, 'engineer');
      expect((await inviteRes(other)).status).toBe(201);
      expect((await inviteRes(other)).status).toBe(409);
      expect(await openInvites(full.user.account.id)).toBe(1);
    });

    it('reports a full plan per address in the welcome wizard, sending the invites that fit', async () => {
      const owner = await registerOwner(t.http);
      const [a, b, c] = [testEmail('wizard'), testEmail('wizard'), testEmail('wizard')];
      await t.http.patch('/api/v1/users/me/onboarding-step', { step: 1, action: 'skip' }, { token: owner.token });

      const res = await t.http.patch(
        '/api/v1/users/me/onboarding-step',
        { step: 2, action: 'complete', data: { invites: [{ email: a }, { email: b }, { email: c }] } },
        { token: owner.token },
      );

      expect(res.status).toBe(200);
      expect(res.body.invites).toEqual([
        { email: a, role: 'engineer', status: 'invited', inviteId: expect.any(String) },
        { email: b, role: 'engineer', status: 'invited', inviteId: expect.any(String) },
        { email: c, role: 'engineer', status: 'failed', error: 'seat_limit_reached', message: expect.stringMatching(/revoke an invite/) },
      ]);
    });

    it('leaves an unlimited plan unrestricted', async () => {
      const owner = await registerOwner(t.http);
      await db.query(`update subscriptions set plan = 'team' where account_id = $1`, [owner.user.account.id]);
      await setLimits('team', { seats: null });
      const answers = [];
      for (let i = 0; i < 5; i += 1) answers.push((await inviteRes(owner)).status);
      expect(answers).toEqual([201, 201, 201, 201, 201]);
    });

    it("holds a locked account to the free plan's single seat", async () => {
      const owner = await registerOwner(t.http);
      await lapseSubscription(t, owner.user.account.id);
      const res = await inviteRes(owner);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ error: 'seat_limit_reached', details: { seats: 1, used: 1 } });
    });
  });

  describe('monthly sessions: sessions the account started this calendar month (UTC)', () => {
    beforeAll(() => setLimits('pro', { monthlySessions: 2 }));
    afterAll(() => setLimits('pro', { monthlySessions: null }));

    const start = (who: SignedIn) => t.http.post(SESSIONS, { problemSummary: 'VPN drops every hour' }, { token: who.token });

    it('refuses the session past the limit with when the allowance resets', async () => {
      const owner = await registerOwner(t.http);
      const engineer = await addTeammate(t.http, owner.token, 'engineer');
      await createSession(t.http, owner.token);
      await createSession(t.http, engineer.token);

      const res = await start(owner);

      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ error: 'monthly_session_limit_reached', details: { limit: 2, used: 2, resetsAt: nextMonthStart() } });
      expect(res.body.message).toMatch(/upgrade the plan/);
      const [{ n }] = await db.query(`select count(*)::int as n from ai_sessions where account_id = $1`, [owner.user.account.id]);
      expect(n).toBe(2);
      // Script builder sessions are no FlowPilot sessions and have their own cap.
      expect((await t.http.post('/api/v1/script-builder/sessions', { origin: 'standalone' }, { token: owner.token })).status).toBe(201);
    });

    it("does not count last month's sessions", async () => {
      const owner = await registerOwner(t.http);
      const old = await createSession(t.http, owner.token);
      await createSession(t.http, owner.token);
      expect((await start(owner)).status).toBe(409);

      await db.query(`update ai_sessions set created_at = date_trunc('month', now() at time zone 'utc') at time zone 'utc' - interval '1 second' where id = $1`, [
        old.id,
      ]);
      expect((await start(owner)).status).toBe(201);
      expect((await start(owner)).status).toBe(409);
    });

    it('lets exactly the limit of concurrent creations through', async () => {
      const owner = await registerOwner(t.http);
      const answers = await Promise.all(Array.from({ length: 6 }, () => start(owner)));
      expect(answers.filter((a) => a.status === 201)).toHaveLength(2);
      expect(answers.filter((a) => a.status === 409).map((a) => a.body.error)).toEqual(Array(4).fill('monthly_session_limit_reached'));
    });

    it("counts each account's own sessions only", async () => {
      const busy = await registerOwner(t.http);
      const quiet = await registerOwner(t.http);
      await createSession(t.http, busy.token);
      await createSession(t.http, busy.token);
      expect((await start(busy)).status).toBe(409);
      expect((await start(quiet)).status).toBe(201);
      expect((await start(quiet)).status).toBe(201);
    });

    it('leaves an unlimited plan unrestricted', async () => {
      const owner = await registerOwner(t.http);
      await setLimits('pro', { monthlySessions: null });
      try {
        for (let i = 0; i < 4; i += 1) expect((await start(owner)).status).toBe(201);
      } finally {
        await setLimits('pro', { monthlySessions: 2 });
      }
    });
  });
});
