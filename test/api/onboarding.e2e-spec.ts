import type { DataSource } from 'typeorm';
import { PRIVILEGED_DATA_SOURCE } from '../../apps/api/src/core/database/data-sources.js';
import { registerOwner, testEmail, type SignedIn } from '../support/identity.js';
import { addTeammate, invite } from '../support/team.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

const STEP = '/api/v1/users/me/onboarding-step';
const DISMISS = '/api/v1/users/me/onboarding-dismiss-rest';

const shop = (companyName: string) => ({ companyName, teamSize: '6-10', role: 'lead_tech' });

describe('onboarding (welcome wizard)', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await bootTestApp();
    db = t.app.get(PRIVILEGED_DATA_SOURCE);
  });
  afterAll(() => t.close());

  const step = (who: SignedIn, body: unknown) => t.http.patch(STEP, body, { token: who.token });
  const me = async (who: SignedIn) => {
    const res = await t.http.get('/api/v1/auth/me', { token: who.token });
    expect(res.status).toBe(200);
    return res.body;
  };
  const answersOf = async (accountId: string) =>
    (await db.query(`select team_size, psa, chat, updated_by from account_onboarding where account_id = $1`, [accountId]))[0];
  const jobRoleOf = async (userId: string) => (await db.query(`select job_role from users where id = $1`, [userId]))[0].job_role;
  const invitesTo = async (email: string) => db.query(`select account_id from account_invites where email = $1`, [email]);

  it('completes step 1: renames the account, keeps team size and role, and /auth/me resumes after it', async () => {
    const owner = await registerOwner(t.http, { accountName: 'Acme IT' });
    expect(owner.user.onboardingStepCompleted).toBeNull();
    expect(owner.user.onboardingDismissed).toBe(false);

    const res = await step(owner, { step: 1, action: 'complete', data: shop('  Northwind Managed IT ') });

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ onboardingStepCompleted: 1, onboardingDismissed: false, appliedToAccount: true });
    // What a reload sees: the client routes from /auth/me alone.
    const after = await me(owner);
    expect(after.account.name).toBe('Northwind Managed IT');
    expect(after.onboardingStepCompleted).toBe(1);
    expect(await answersOf(owner.user.account.id)).toMatchObject({ team_size: '6-10', psa: null, chat: [], updated_by: owner.user.id });
    expect(await jobRoleOf(owner.user.id)).toBe('lead_tech');
    const audit = await db.query(`select action, actor_user_id, data from audit_events where target_id = $1`, [owner.user.account.id]);
    expect(audit).toEqual([
      { action: 'account.renamed', actor_user_id: owner.user.id, data: { from: 'Acme IT', to: 'Northwind Managed IT' } },
    ]);
  });

  it('applies a step once, never goes back and never jumps ahead', async () => {
    const owner = await registerOwner(t.http, { accountName: 'Order IT' });
    expect((await step(owner, { step: 1, action: 'complete', data: shop('First Name IT') })).status).toBe(200);

    const again = await step(owner, { step: 1, action: 'complete', data: { ...shop('Second Name IT'), teamSize: '26+' } });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ onboardingStepCompleted: 1, onboardingDismissed: false, appliedToAccount: false });
    expect((await me(owner)).account.name).toBe('First Name IT');
    expect((await answersOf(owner.user.account.id)).team_size).toBe('6-10');

    const jump = await step(owner, { step: 3, action: 'skip' });
    expect(jump.status).toBe(409);
    expect(jump.body).toMatchObject({
      error: 'onboarding_step_out_of_order',
      details: { onboardingStepCompleted: 1, step: 3, nextStep: 2 },
    });

    expect((await step(owner, { step: 2, action: 'skip' })).body.onboardingStepCompleted).toBe(2);
    const back = await step(owner, { step: 1, action: 'complete', data: shop('Third Name IT') });
    expect(back.status).toBe(409);
    expect(back.body).toMatchObject({ error: 'onboarding_step_cannot_decrease', details: { onboardingStepCompleted: 2, step: 1 } });

    const after = await me(owner);
    expect(after.onboardingStepCompleted).toBe(2);
    expect(after.account.name).toBe('First Name IT');
  });

  it('validates a completed step with field details and ignores the data of a skipped one', async () => {
    const owner = await registerOwner(t.http, { accountName: 'Valid IT' });

    const bad = await step(owner, { step: 1, action: 'complete', data: { companyName: ' ', teamSize: 'huge' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('validation_failed');
    expect(Object.keys(bad.body.details.fields).sort()).toEqual(['data.companyName', 'data.role', 'data.teamSize']);
    const missing = await step(owner, { step: 1, action: 'complete' });
    expect(missing.status).toBe(400);
    expect(Object.keys(missing.body.details.fields).sort()).toEqual(['data.companyName', 'data.role', 'data.teamSize']);
    const envelope = await step(owner, { step: 4, action: 'later' });
    expect(envelope.status).toBe(400);
    expect(Object.keys(envelope.body.details.fields).sort()).toEqual(['action', 'step']);
    expect((await me(owner)).onboardingStepCompleted).toBeNull();

    const skipped = await step(owner, { step: 1, action: 'skip', data: { companyName: '', teamSize: 'huge', role: 42 } });
    expect(skipped.status).toBe(200);
    expect(skipped.body).toEqual({ onboardingStepCompleted: 1, onboardingDismissed: false, appliedToAccount: false });
    expect((await me(owner)).account.name).toBe('Valid IT');
    expect(await answersOf(owner.user.account.id)).toBeUndefined();
    expect(await jobRoleOf(owner.user.id)).toBeNull();
  });

  it('step 2 invites each address once, into the caller\'s account only, and reports the ones it cannot invite', async () => {
    const owner = await registerOwner(t.http, { accountName: 'Inviting IT' });
    const other = await registerOwner(t.http, { accountName: 'Other IT' });
    const pending = await invite(t.http, owner.token, 'viewer');
    const [first, second] = [testEmail('wizard'), testEmail('wizard')];
    await step(owner, { step: 1, action: 'skip' });

    const body = {
      step: 2,
      action: 'complete',
      data: {
        invites: [
          { email: first },
          { email: ` ${first.toUpperCase()} `, role: 'viewer' },
          { email: second, role: 'admin' },
          { email: other.email },
          { email: pending.email, role: 'engineer' },
        ],
      },
    };
    const res = await step(owner, body);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      onboardingStepCompleted: 2,
      onboardingDismissed: false,
      appliedToAccount: true,
      invites: [
        { email: first, role: 'engineer', status: 'invited', inviteId: expect.any(String) },
        { email: second, role: 'admin', status: 'invited', inviteId: expect.any(String) },
        { email: other.email, role: 'engineer', status: 'failed', error: 'email_already_registered', message: expect.any(String) },
        { email: pending.email, role: 'engineer', status: 'failed', error: 'invite_already_pending', message: expect.any(String) },
      ],
    });

    const replay = await step(owner, body);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual({ onboardingStepCompleted: 2, onboardingDismissed: false, appliedToAccount: false });

    const listed = await t.http.get('/api/v1/accounts/invites?limit=100', { token: owner.token });
    const emails = (listed.body.items as Array<{ email: string }>).map((i) => i.email);
    expect(emails.filter((e) => e === first)).toHaveLength(1);
    expect(emails.filter((e) => e === second)).toHaveLength(1);
    expect(emails.filter((e) => e === pending.email)).toHaveLength(1);
    const theirs = await t.http.get('/api/v1/accounts/invites?limit=100', { token: other.token });
    expect(theirs.body.items).toEqual([]);
    expect(await invitesTo(first)).toEqual([{ account_id: owner.user.account.id }]);
    expect(await invitesTo(second)).toEqual([{ account_id: owner.user.account.id }]);
    // One invite email each, however many times the step was sent.
    const mails = await db.query(`select target from deliveries where purpose = 'account_invite' and target = any($1)`, [[first, second]]);
    expect(mails.map((m: { target: string }) => m.target).sort()).toEqual([first, second].sort());
  });

  it('applies a step sent twice at once only once', async () => {
    const owner = await registerOwner(t.http);
    await step(owner, { step: 1, action: 'skip' });
    const teammate = testEmail('race');
    const body = { step: 2, action: 'complete', data: { invites: [{ email: teammate }] } };

    const answers = await Promise.all([step(owner, body), step(owner, body)]);

    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(answers.map((a) => a.body.appliedToAccount).sort()).toEqual([false, true]);
    expect(answers.find((a) => a.body.appliedToAccount)!.body.invites).toEqual([expect.objectContaining({ email: teammate, status: 'invited' })]);
    expect(await invitesTo(teammate)).toHaveLength(1);
  });

  it('step 3 keeps the tool choices next to the team size of step 1', async () => {
    const owner = await registerOwner(t.http);
    await step(owner, { step: 1, action: 'complete', data: shop('Tools IT') });
    await step(owner, { step: 2, action: 'complete', data: { invites: [] } });

    const res = await step(owner, { step: 3, action: 'complete', data: { psa: 'connectwise', chat: ['teams', 'slack'] } });

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ onboardingStepCompleted: 3, onboardingDismissed: false, appliedToAccount: true, invites: undefined });
    expect(await answersOf(owner.user.account.id)).toMatchObject({ team_size: '6-10', psa: 'connectwise', chat: ['teams', 'slack'] });
    expect((await me(owner)).onboardingStepCompleted).toBe(3);
    expect((await step(owner, { step: 3, action: 'skip' })).status).toBe(200);
  });

  it('dismisses the rest of the wizard idempotently and keeps the progress made', async () => {
    const owner = await registerOwner(t.http);
    await step(owner, { step: 1, action: 'skip' });

    const first = await t.http.post(DISMISS, undefined, { token: owner.token });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ onboardingStepCompleted: 1, onboardingDismissed: true });
    const second = await t.http.post(DISMISS, undefined, { token: owner.token });
    expect(second.status).toBe(200);
    expect(second.body).toEqual({ onboardingStepCompleted: 1, onboardingDismissed: true });
    const after = await me(owner);
    expect([after.onboardingStepCompleted, after.onboardingDismissed]).toEqual([1, true]);
  });

  it('keeps the wizard away from an invitee, also once promoted to owner', async () => {
    const owner = await registerOwner(t.http);
    const joined = await addTeammate(t.http, owner.token, 'engineer', 'Ida Invitee');
    expect(joined.user.onboardingDismissed).toBe(true);
    expect((await t.http.patch(`/api/v1/accounts/members/${joined.user.id}`, { role: 'owner' }, { token: owner.token })).status).toBe(200);
    const me = await t.http.get('/api/v1/auth/me', { token: joined.token });
    expect(me.body).toMatchObject({ role: 'owner', onboardingDismissed: true });
  });

  it("lets engineers and viewers move through the wizard without touching the account's answers", async () => {
    const owner = await registerOwner(t.http, { accountName: 'Members IT' });
    const engineer = await addTeammate(t.http, owner.token, 'engineer');
    const viewer = await addTeammate(t.http, owner.token, 'viewer');
    const stranger = testEmail('stranger');

    for (const member of [engineer, viewer]) {
      const one = await step(member, { step: 1, action: 'complete', data: { companyName: 'Renamed By Member', teamSize: '26+', role: 'tech' } });
      // Invitees are stored with the wizard dismissed (the web never shows it to them); the API still takes their steps.
      expect(one.body).toEqual({ onboardingStepCompleted: 1, onboardingDismissed: true, appliedToAccount: false });
      expect(await jobRoleOf(member.user.id)).toBe('tech');

      const two = await step(member, { step: 2, action: 'complete', data: { invites: [{ email: stranger }] } });
      expect(two.status).toBe(200);
      expect(two.body.invites).toEqual([
        { email: stranger, role: 'engineer', status: 'failed', error: 'forbidden', message: 'Only owners and admins can invite teammates' },
      ]);

      const three = await step(member, { step: 3, action: 'complete', data: { psa: 'other', chat: ['slack'] } });
      expect(three.body).toMatchObject({ onboardingStepCompleted: 3, appliedToAccount: false });
      expect((await me(member)).onboardingStepCompleted).toBe(3);
    }

    expect((await me(owner)).account.name).toBe('Members IT');
    expect((await me(owner)).onboardingStepCompleted).toBeNull();
    expect(await answersOf(owner.user.account.id)).toBeUndefined();
    expect(await invitesTo(stranger)).toEqual([]);
  });

  it('documents both routes and every error code in the OpenAPI document', async () => {
    const doc = (await t.http.get('/api/docs-json')).body;
    const patch = doc.paths['/api/v1/users/me/onboarding-step'].patch;
    expect(patch.tags).toEqual(['onboarding']);
    expect(patch.requestBody).toBeDefined();
    expect(patch.responses['409'].description).toContain('onboarding_step_cannot_decrease');
    expect(patch.responses['409'].description).toContain('onboarding_step_out_of_order');
    expect(patch.responses['400'].description).toContain('validation_failed');
    expect(patch.responses['402']).toBeUndefined();
    expect(doc.paths['/api/v1/users/me/onboarding-dismiss-rest'].post.responses['200']).toBeDefined();
  });

  it('is for people: no token is 401, an API key is 403', async () => {
    expect((await t.http.patch(STEP, { step: 1, action: 'skip' })).status).toBe(401);
    expect((await t.http.post(DISMISS)).status).toBe(401);

    const owner = await registerOwner(t.http);
    const key = await t.http.post('/api/v1/accounts/api-keys', { name: 'Automation', role: 'admin' }, { token: owner.token });
    const byKey = await t.http.patch(STEP, { step: 1, action: 'skip' }, { token: key.body.secret });
    expect(byKey.status).toBe(403);
    expect(byKey.body.error).toBe('forbidden');
    expect((await t.http.post(DISMISS, undefined, { token: key.body.secret })).status).toBe(403);
    expect((await me(owner)).onboardingStepCompleted).toBeNull();
  });
});

describe('onboarding for unverified and lapsed customers', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    // No grace period: every unverified user is past it at once.
    t = await bootTestApp({ env: { EMAIL_VERIFICATION_GRACE_HOURS: '0' } });
    db = t.app.get(PRIVILEGED_DATA_SOURCE);
  });
  afterAll(() => t.close());

  it('stays open to a user past the verification grace period, without letting them send invites', async () => {
    const owner = await registerOwner(t.http, { accountName: 'Unverified IT' });
    const gated = await t.http.get('/api/v1/accounts/invites', { token: owner.token });
    expect(gated.status).toBe(403);
    expect(gated.body.error).toBe('email_verification_required');

    const one = await t.http.patch(STEP, { step: 1, action: 'complete', data: shop('Verified Later IT') }, { token: owner.token });
    expect(one.status).toBe(200);
    expect(one.body.appliedToAccount).toBe(true);
    const invitee = testEmail('early');
    const two = await t.http.patch(STEP, { step: 2, action: 'complete', data: { invites: [{ email: invitee }] } }, { token: owner.token });
    expect(two.status).toBe(200);
    expect(two.body).toMatchObject({ onboardingStepCompleted: 2, appliedToAccount: false });
    expect(two.body.invites).toEqual([expect.objectContaining({ email: invitee, status: 'failed', error: 'email_verification_required' })]);
    expect(await db.query(`select id from account_invites where email = $1`, [invitee])).toEqual([]);
    const dismissed = await t.http.post(DISMISS, undefined, { token: owner.token });
    expect(dismissed.status).toBe(200);

    const me = await t.http.get('/api/v1/auth/me', { token: owner.token });
    expect(me.body).toMatchObject({ emailVerified: false, onboardingStepCompleted: 2, onboardingDismissed: true, account: { name: 'Verified Later IT' } });
  });

  it('stays open to an account whose subscription has lapsed', async () => {
    const owner = await registerOwner(t.http, { accountName: 'Lapsed IT' });
    await db.query(`update users set email_verified_at = now() where id = $1`, [owner.user.id]);
    await db.query(`update subscriptions set status = 'canceled' where account_id = $1`, [owner.user.account.id]);
    const me = await t.http.get('/api/v1/auth/me', { token: owner.token });
    expect(me.body.subscription.status).toBe('canceled');

    const one = await t.http.patch(STEP, { step: 1, action: 'complete', data: shop('Still Here IT') }, { token: owner.token });
    expect(one.status).toBe(200);
    const invitee = testEmail('lapsed');
    const two = await t.http.patch(STEP, { step: 2, action: 'complete', data: { invites: [{ email: invitee }] } }, { token: owner.token });
    expect(two.status).toBe(200);
    // The step still completes; the invite is held to the free plan's single seat, which the owner fills.
    expect(two.body.invites).toEqual([expect.objectContaining({ email: invitee, status: 'failed', error: 'seat_limit_reached' })]);
    const dismissed = await t.http.post(DISMISS, undefined, { token: owner.token });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toEqual({ onboardingStepCompleted: 2, onboardingDismissed: true });
  });

});
