import { bootTestApp, type TestApp } from '../support/test-app.js';
import { mailTo, registerOwner, TEST_PASSWORD, testEmail, tokenFromMail } from '../support/identity.js';
import { SmtpCapture } from '../support/smtp-capture.js';

describe('auth: register, login, refresh, logout, me', () => {
  let t: TestApp;
  const smtp = new SmtpCapture();

  beforeAll(async () => {
    await smtp.start();
    t = await bootTestApp({ env: { SMTP_URL: smtp.url, TRIAL_DAYS: '14' } });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('registers an owner with a new account and a 14-day Pro trial', async () => {
    const email = testEmail('founder');
    const res = await t.http.post('/api/v1/auth/register', {
      email: email.toUpperCase(),
      password: TEST_PASSWORD,
      name: 'Fran Founder',
      accountName: 'Founders IT',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ accessToken: expect.any(String), expiresIn: 900 });
    expect(res.body.user).toMatchObject({
      email,
      name: 'Fran Founder',
      role: 'owner',
      superAdmin: false,
      emailVerified: false,
      account: { name: 'Founders IT' },
      subscription: { plan: 'pro', status: 'trialing' },
      onboardingStepCompleted: null,
      onboardingDismissed: false,
    });
    const trialDays = (Date.parse(res.body.user.subscription.trialEndsAt) - Date.now()) / 86_400_000;
    expect(trialDays).toBeGreaterThan(13.9);
    expect(trialDays).toBeLessThanOrEqual(14);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/rf_refresh=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
  });

  it('rejects a duplicate email and bad input without creating anything', async () => {
    const owner = await registerOwner(t.http);
    const again = await t.http.post('/api/v1/auth/register', { email: owner.email, password: TEST_PASSWORD, name: 'X' });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('email_already_registered');
    const bad = await t.http.post('/api/v1/auth/register', { email: 'not-an-email', password: 'short', name: '' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.details.fields).sort()).toEqual(['email', 'name', 'password']);
  });

  it('logs in with the right password only, with one answer for unknown users and wrong passwords', async () => {
    const owner = await registerOwner(t.http);
    const ok = await t.http.post('/api/v1/auth/login', { email: owner.email, password: owner.password });
    expect(ok.status).toBe(200);
    expect(ok.body.user.id).toBe(owner.user.id);
    const wrong = await t.http.post('/api/v1/auth/login', { email: owner.email, password: 'wrong-password-1' });
    const unknown = await t.http.post('/api/v1/auth/login', { email: testEmail('ghost'), password: 'wrong-password-1' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it('serves /auth/me with every field the client routes on', async () => {
    const owner = await registerOwner(t.http, { accountName: 'Me Check IT' });
    const me = await t.http.get('/api/v1/auth/me', { token: owner.token });
    expect(me.status).toBe(200);
    expect(Object.keys(me.body).sort()).toEqual(
      [
        'account',
        'createdAt',
        'email',
        'emailVerificationDeadline',
        'emailVerified',
        'id',
        'name',
        'onboardingDismissed',
        'onboardingStepCompleted',
        'role',
        'subscription',
        'superAdmin',
      ].sort(),
    );
    expect(me.body.account).toEqual({ id: owner.user.account.id, name: 'Me Check IT' });
    expect((await t.http.get('/api/v1/auth/me')).status).toBe(401);
    expect((await t.http.get('/api/v1/auth/me', { token: 'garbage' })).body.error).toBe('unauthorized');
  });

  it('rotates refresh tokens and revokes the family when a rotated token is reused', async () => {
    const owner = await registerOwner(t.http);
    const first = await t.http.post('/api/v1/auth/refresh', { refreshToken: owner.refreshToken });
    expect(first.status).toBe(200);
    expect(first.body.refreshToken).not.toBe(owner.refreshToken);

    const reuse = await t.http.post('/api/v1/auth/refresh', { refreshToken: owner.refreshToken });
    expect(reuse.status).toBe(401);
    expect(reuse.body.error).toBe('refresh_token_reused');

    // The legitimate successor dies with its family.
    const successor = await t.http.post('/api/v1/auth/refresh', { refreshToken: first.body.refreshToken });
    expect(successor.status).toBe(401);
  });

  it('accepts the refresh cookie and logs out by revoking the family', async () => {
    const owner = await registerOwner(t.http);
    const viaCookie = await t.http.post('/api/v1/auth/refresh', undefined, {
      headers: { cookie: `rf_refresh=${owner.refreshToken}` },
    });
    expect(viaCookie.status).toBe(200);
    const out = await t.http.post('/api/v1/auth/logout', { refreshToken: viaCookie.body.refreshToken });
    expect(out.status).toBe(204);
    const after = await t.http.post('/api/v1/auth/refresh', { refreshToken: viaCookie.body.refreshToken });
    expect(after.status).toBe(401);
  });

  it('verifies the email with the mailed token, once', async () => {
    const owner = await registerOwner(t.http);
    const mail = await mailTo(smtp, owner.email, /confirm your email/i);
    const token = tokenFromMail(mail);
    expect((await t.http.post('/api/v1/auth/verify-email', { token })).status).toBe(204);
    expect((await t.http.get('/api/v1/auth/me', { token: owner.token })).body.emailVerified).toBe(true);
    const again = await t.http.post('/api/v1/auth/verify-email', { token });
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('invalid_or_expired_token');
    const resend = await t.http.post('/api/v1/auth/resend-verification', undefined, { token: owner.token });
    expect(resend.body.error).toBe('email_already_verified');
  });

  it('resets a password by emailed token: single use, old sessions signed out, same answer for unknown emails', async () => {
    const owner = await registerOwner(t.http);
    const unknown = await t.http.post('/api/v1/auth/password-reset/request', { email: testEmail('nobody') });
    const known = await t.http.post('/api/v1/auth/password-reset/request', { email: owner.email });
    expect(unknown.status).toBe(202);
    expect(known.status).toBe(202);
    expect(unknown.text).toBe(known.text);

    const token = tokenFromMail(await mailTo(smtp, owner.email, /reset/i));
    const newPassword = 'a-brand-new-passphrase';
    expect((await t.http.post('/api/v1/auth/password-reset/confirm', { token, password: newPassword })).status).toBe(204);
    expect((await t.http.post('/api/v1/auth/password-reset/confirm', { token, password: newPassword })).body.error).toBe(
      'invalid_or_expired_token',
    );
    expect((await t.http.post('/api/v1/auth/refresh', { refreshToken: owner.refreshToken })).status).toBe(401);
    expect((await t.http.post('/api/v1/auth/login', { email: owner.email, password: owner.password })).status).toBe(401);
    expect((await t.http.post('/api/v1/auth/login', { email: owner.email, password: newPassword })).status).toBe(200);
  });

  it('throttles login per email with 429 and Retry-After', async () => {
    const owner = await registerOwner(t.http);
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 11; i += 1) {
      last = await t.http.post('/api/v1/auth/login', { email: owner.email, password: `wrong-password-${i}` });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(last!.status).toBe(429);
    expect(last!.body.error).toBe('rate_limited');
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    // The right password is throttled too until the window ends: no oracle for a guessed password.
    expect((await t.http.post('/api/v1/auth/login', { email: owner.email, password: owner.password })).status).toBe(429);
  });

  it('counts per-user limits per user, whatever the address: five resends an hour', async () => {
    const office = t.http.fromAnotherClient();
    const first = await registerOwner(office);
    const second = await registerOwner(office);
    const resend = (who: typeof first, from = t.http.fromAnotherClient()) =>
      from.post('/api/v1/auth/resend-verification', undefined, { token: who.token });
    // Five from five addresses spend the first user's budget; the sixth is refused from a new address too.
    for (let i = 0; i < 5; i += 1) expect((await resend(first)).status).toBe(202);
    const sixth = await resend(first);
    expect([sixth.status, sixth.body.error]).toEqual([429, 'rate_limited']);
    // A colleague behind the same office address still has their own budget.
    expect((await resend(second, office)).status).toBe(202);
  });
});
