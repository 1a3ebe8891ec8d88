import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { PRIVILEGED_DATA_SOURCE } from '../../apps/api/src/core/database/data-sources.js';
import { mailTo, registerOwner, TEST_PASSWORD, testEmail, tokenFromMail, type SignedIn } from '../support/identity.js';
import { SmtpCapture } from '../support/smtp-capture.js';
import { acceptInvite, addTeammate, invite, inviteCodeOf } from '../support/team.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

describe('account invites', () => {
  let t: TestApp;
  let db: DataSource;
  let owner: SignedIn;
  const smtp = new SmtpCapture();

  beforeAll(async () => {
    await smtp.start();
    t = await bootTestApp({ env: { SMTP_URL: smtp.url } });
    db = t.app.get(PRIVILEGED_DATA_SOURCE);
    // One owner sends more invites over this file than a Pro plan has seats (limits are tested in plan-limits-enforced).
    await db.query(`update plan_limits set seats = null where plan = 'pro'`);
    owner = await registerOwner(t.http, { name: 'Olivia Owner', accountName: 'Invite Test IT' });
  });
  afterEach(() => smtp.setFailure('none'));
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const lookup = (code: string, http = t.http) => http.get(`/api/v1/accounts/invites/${encodeURIComponent(code)}/lookup`);
  const expireInvite = (id: string) => db.query(`update account_invites set expires_at = now() - interval '1 minute' where id = $1`, [id]);
  /** The delivery record of the invite email to `email`, once its job has finished one way or the other. */
  async function settledDelivery(email: string) {
    for (let i = 0; i < 100; i += 1) {
      const [row] = await db.query(`select status, purpose, attempts, account_id from deliveries where target = $1`, [email]);
      if (row && row.status !== 'pending') return row;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the invite email to ${email} was never settled`);
  }
  const listInvites = async (token = owner.token) => {
    const res = await t.http.get('/api/v1/accounts/invites?limit=100', { token });
    expect(res.status).toBe(200);
    return res.body.items as Array<{ id: string; status: string; acceptedAt: string | null; revokedAt: string | null; lastSentAt: string | null }>;
  };

  it('creates an invite, emails the link and stores only a digest of the code', async () => {
    const email = testEmail('invitee');
    const res = await t.http.post('/api/v1/accounts/invites', { email: `  ${email.toUpperCase()} `, role: 'engineer' }, { token: owner.token });

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: expect.any(String), email, role: 'engineer', status: 'pending', invitedBy: owner.user.id });
    expect(res.body.inviteUrl).toMatch(/^http:\/\/localhost:4200\/accept-invite\?code=[A-Za-z0-9_-]{43}$/);
    const days = (Date.parse(res.body.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);

    const mail = await mailTo(smtp, email, /Olivia Owner invited you to Invite Test IT/);
    expect(mail.text).toContain(res.body.inviteUrl);
    expect(mail.text).toContain('as an engineer');

    const code = inviteCodeOf(res.body.inviteUrl);
    const [row] = await db.query(`select to_jsonb(i) as row from account_invites i where id = $1`, [res.body.id]);
    expect(row.row.code_hash).toBe(sha256(code));
    expect(JSON.stringify(row.row)).not.toContain(code);
    expect(row.row.last_sent_at).not.toBeNull();

    const audit = await db.query(`select action, actor_user_id, data from audit_events where target_id = $1`, [res.body.id]);
    expect(audit).toEqual([{ action: 'invite.created', actor_user_id: owner.user.id, data: { email, role: 'engineer' } }]);
  });

  it('lets the invitee look the invite up and join the account through the emailed link, without an account or trial of their own', async () => {
    const email = testEmail('joiner');
    const created = await invite(t.http, owner.token, 'viewer', email);
    const code = tokenFromMail(await mailTo(smtp, email, /invited you/), 'code');
    expect(code).toBe(inviteCodeOf(created.inviteUrl));

    const seen = await lookup(code);
    expect(seen.status).toBe(200);
    expect(seen.body).toEqual({ accountName: 'Invite Test IT', inviterName: 'Olivia Owner', invitedEmail: email, role: 'viewer' });

    const [{ count: accountsBefore }] = await db.query(`select count(*)::int as count from accounts`);
    const joined = await t.http.post('/api/v1/auth/register', { email, password: TEST_PASSWORD, name: 'Jo Joiner', accountInviteCode: code });
    expect(joined.status).toBe(201);
    expect(joined.body.user).toMatchObject({ role: 'viewer', emailVerified: true, account: { id: owner.user.account.id, name: 'Invite Test IT' } });
    const [{ count: accountsAfter }] = await db.query(`select count(*)::int as count from accounts`);
    expect(accountsAfter).toBe(accountsBefore);

    const me = await t.http.get('/api/v1/auth/me', { token: joined.body.accessToken });
    expect(me.body.account).toEqual({ id: owner.user.account.id, name: 'Invite Test IT' });
    // The inviter's subscription, not a trial of the invitee's own.
    expect(me.body.subscription).toEqual(owner.user.subscription);

    const listed = (await listInvites()).find((i) => i.id === created.id)!;
    expect(listed.status).toBe('accepted');
    expect(listed.acceptedAt).not.toBeNull();
    const members = await t.http.get('/api/v1/accounts/members', { token: owner.token });
    expect(members.body.items.map((m: { email: string }) => m.email)).toContain(email);
  });

  it('refuses a sign-up with another email than the invited one, and leaves the invite open', async () => {
    const created = await invite(t.http, owner.token, 'engineer');
    const res = await t.http.post('/api/v1/auth/register', {
      email: testEmail('impostor'),
      password: TEST_PASSWORD,
      name: 'Ivan Impostor',
      accountInviteCode: inviteCodeOf(created.inviteUrl),
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invite_email_mismatch');
    expect((await lookup(inviteCodeOf(created.inviteUrl))).status).toBe(200);
  });

  it('answers every dead code with the same 404, byte for byte', async () => {
    const unknown = await lookup(randomBytes(32).toString('base64url'));

    const expired = await invite(t.http, owner.token, 'engineer');
    await expireInvite(expired.id);
    const expiredRes = await lookup(inviteCodeOf(expired.inviteUrl));

    const revoked = await invite(t.http, owner.token, 'engineer');
    expect((await t.http.delete(`/api/v1/accounts/invites/${revoked.id}`, { token: owner.token })).status).toBe(204);
    const revokedRes = await lookup(inviteCodeOf(revoked.inviteUrl));

    const used = await invite(t.http, owner.token, 'engineer');
    await acceptInvite(t.http, used);
    const usedRes = await lookup(inviteCodeOf(used.inviteUrl));

    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({
      statusCode: 404,
      error: 'invite_invalid_or_expired_or_revoked',
      message: 'This invite link is invalid, expired or has been revoked',
    });
    for (const res of [expiredRes, revokedRes, usedRes]) {
      expect(res.status).toBe(404);
      expect(res.text).toBe(unknown.text);
      expect(res.headers.get('content-type')).toBe(unknown.headers.get('content-type'));
    }

    // Sign-up refuses the same codes.
    const late = await t.http.post('/api/v1/auth/register', {
      email: expired.email,
      password: TEST_PASSWORD,
      name: 'Lee Late',
      accountInviteCode: inviteCodeOf(expired.inviteUrl),
    });
    expect(late.status).toBe(400);
    expect(late.body.error).toBe('invite_invalid_or_expired_or_revoked');
  });

  it('rate-limits lookups per client address', async () => {
    const client = t.http.fromAnotherClient();
    const code = randomBytes(32).toString('base64url');
    for (let i = 0; i < 30; i += 1) expect((await lookup(code, client)).status).toBe(404);
    const limited = await lookup(code, client);
    expect(limited.status).toBe(429);
    expect(limited.body.error).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await lookup(code, t.http.fromAnotherClient())).status).toBe(404);
  });

  it('refuses a second pending invite to one address and an address that already has a user', async () => {
    const created = await invite(t.http, owner.token, 'engineer');
    const again = await t.http.post('/api/v1/accounts/invites', { email: created.email, role: 'viewer' }, { token: owner.token });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'invite_already_pending', details: { inviteId: created.id } });

    const elsewhere = await registerOwner(t.http);
    for (const email of [elsewhere.email, owner.email]) {
      const taken = await t.http.post('/api/v1/accounts/invites', { email, role: 'engineer' }, { token: owner.token });
      expect(taken.status).toBe(409);
      expect(taken.body.error).toBe('email_already_registered');
    }
  });

  it('replaces an expired invite to the same address with a new one', async () => {
    const old = await invite(t.http, owner.token, 'engineer');
    await expireInvite(old.id);
    const fresh = await t.http.post('/api/v1/accounts/invites', { email: old.email, role: 'admin' }, { token: owner.token });
    expect(fresh.status).toBe(201);
    const listed = await listInvites();
    expect(listed.find((i) => i.id === old.id)!.status).toBe('revoked');
    expect(listed.find((i) => i.id === fresh.body.id)!.status).toBe('pending');
  });

  it('validates the body', async () => {
    const res = await t.http.post('/api/v1/accounts/invites', { email: 'nope', role: 'owner' }, { token: owner.token });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('validation_failed');
    expect(Object.keys(res.body.details.fields).sort()).toEqual(['email', 'role']);
  });

  it('lists open and recent invites with their status, page by page', async () => {
    const account = await registerOwner(t.http);
    const pending = await invite(t.http, account.token, 'engineer');
    const expired = await invite(t.http, account.token, 'viewer');
    await expireInvite(expired.id);
    const revoked = await invite(t.http, account.token, 'admin');
    await t.http.delete(`/api/v1/accounts/invites/${revoked.id}`, { token: account.token });
    const accepted = await invite(t.http, account.token, 'engineer');
    await acceptInvite(t.http, accepted);
    // Finished long ago: no longer "recent".
    const old = await invite(t.http, account.token, 'viewer');
    await db.query(`update account_invites set revoked_at = now() - interval '31 days' where id = $1`, [old.id]);

    const statuses = Object.fromEntries((await listInvites(account.token)).map((i) => [i.id, i.status]));
    expect(statuses).toEqual({ [pending.id]: 'pending', [expired.id]: 'expired', [revoked.id]: 'revoked', [accepted.id]: 'accepted' });

    const first = await t.http.get('/api/v1/accounts/invites?limit=3', { token: account.token });
    expect(first.body.items.map((i: { id: string }) => i.id)).toEqual([accepted.id, revoked.id, expired.id]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await t.http.get(`/api/v1/accounts/invites?limit=3&cursor=${first.body.nextCursor}`, { token: account.token });
    expect(second.body).toEqual({ items: [expect.objectContaining({ id: pending.id })], nextCursor: null });

    const bad = await t.http.get('/api/v1/accounts/invites?cursor=not-a-cursor', { token: account.token });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.details.fields)).toEqual(['cursor']);
  });

  it('revokes an invite (idempotently), audited, but not one already accepted', async () => {
    const created = await invite(t.http, owner.token, 'engineer');
    expect((await t.http.delete(`/api/v1/accounts/invites/${created.id}`, { token: owner.token })).status).toBe(204);
    expect((await t.http.delete(`/api/v1/accounts/invites/${created.id}`, { token: owner.token })).status).toBe(204);
    const audit = await db.query(`select action from audit_events where target_id = $1 order by id`, [created.id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['invite.created', 'invite.revoked']);

    const accepted = await invite(t.http, owner.token, 'engineer');
    await acceptInvite(t.http, accepted);
    const refused = await t.http.delete(`/api/v1/accounts/invites/${accepted.id}`, { token: owner.token });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('invite_already_accepted');

    expect((await t.http.delete(`/api/v1/accounts/invites/${crypto.randomUUID()}`, { token: owner.token })).status).toBe(404);
    const malformed = await t.http.delete('/api/v1/accounts/invites/123', { token: owner.token });
    expect(malformed.status).toBe(400);
    expect(Object.keys(malformed.body.details.fields)).toEqual(['id']);
  });

  it('resends with a new code and expiry, and the old link stops working', async () => {
    const created = await invite(t.http, owner.token, 'engineer');
    await expireInvite(created.id);
    const resent = await t.http.post(`/api/v1/accounts/invites/${created.id}/resend`, undefined, { token: owner.token });

    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ id: created.id, email: created.email, role: 'engineer', status: 'pending' });
    expect(resent.body.inviteUrl).not.toBe(created.inviteUrl);
    expect(Date.parse(resent.body.expiresAt) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    const mail = await smtp.waitFor((m) => m.to.includes(created.email) && m.text.includes(resent.body.inviteUrl));
    expect(mail.subject).toMatch(/invited you/);

    expect((await lookup(inviteCodeOf(created.inviteUrl))).status).toBe(404);
    expect((await lookup(inviteCodeOf(resent.body.inviteUrl))).status).toBe(200);

    await t.http.delete(`/api/v1/accounts/invites/${created.id}`, { token: owner.token });
    const again = await t.http.post(`/api/v1/accounts/invites/${created.id}/resend`, undefined, { token: owner.token });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'invite_not_resendable', details: { status: 'revoked' } });
    expect((await t.http.post(`/api/v1/accounts/invites/${crypto.randomUUID()}/resend`, undefined, { token: owner.token })).status).toBe(404);
  });

  it('queues the email durably: an undeliverable address never fails the invite, and the delivery record tells', async () => {
    await smtp.setFailure('reject', { code: 550 });
    const email = testEmail('bounce');
    const res = await t.http.post('/api/v1/accounts/invites', { email, role: 'engineer' }, { token: owner.token });
    expect(res.status).toBe(201);
    expect((await lookup(inviteCodeOf(res.body.inviteUrl))).status).toBe(200);
    expect(await settledDelivery(email)).toMatchObject({ status: 'dead', purpose: 'account_invite', account_id: owner.user.account.id });

    await smtp.setFailure('none');
    const delivered = await invite(t.http, owner.token, 'viewer');
    expect(await settledDelivery(delivered.email)).toMatchObject({ status: 'delivered', attempts: 1 });
  });

  it('is for owners and admins only', async () => {
    const admin = await addTeammate(t.http, owner.token, 'admin');
    expect((await t.http.post('/api/v1/accounts/invites', { email: testEmail(), role: 'admin' }, { token: admin.token })).status).toBe(201);
    for (const role of ['engineer', 'viewer'] as const) {
      const member = await addTeammate(t.http, owner.token, role);
      const res = await t.http.post('/api/v1/accounts/invites', { email: testEmail(), role: 'viewer' }, { token: member.token });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ error: 'forbidden', message: 'Admin access required' });
      expect((await t.http.get('/api/v1/accounts/invites', { token: member.token })).status).toBe(403);
    }
    expect((await t.http.get('/api/v1/accounts/invites')).status).toBe(401);
  });
});
