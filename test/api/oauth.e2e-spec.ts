import { createHash, randomBytes } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { PRIVILEGED_DATA_SOURCE } from '../../apps/api/src/core/database/data-sources.js';
import { EntitlementsService } from '../../apps/api/src/modules/billing/entitlements.service.js';
import { registerOwner, testEmail } from '../support/identity.js';
import { OidcStandIn } from '../support/oidc-stand-in.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

/** Where browsers reach the API (API_PUBLIC_URL); the test browser routes it to the test server, as a reverse proxy would. */
const API_ORIGIN = 'http://api.resolutionflow.test';
const WEB_CALLBACK = 'http://localhost:4200/auth/callback';

interface Cookie {
  value: string;
  path: string;
  attributes: string;
}

/**
 * One browser: follows redirects by hand (fetch with `redirect: 'manual'`) and keeps the API's
 * cookies, sending each only under its path, as a browser would.
 */
class Browser {
  readonly cookies = new Map<string, Cookie>();
  private readonly ip = `198.19.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`;

  constructor(private readonly t: TestApp) {}

  /** One request; the answer's status and Location. */
  async visit(url: string, options: { withCookies?: boolean } = {}): Promise<{ status: number; location: string | null }> {
    const target = new URL(url);
    const toApi = target.origin === API_ORIGIN;
    const headers: Record<string, string> = {};
    if (toApi) {
      headers['x-forwarded-for'] = this.ip;
      const cookie = [...this.cookies]
        .filter(([, c]) => target.pathname.startsWith(c.path))
        .map(([name, c]) => `${name}=${c.value}`)
        .join('; ');
      if (cookie && options.withCookies !== false) headers.cookie = cookie;
    }
    const response = await fetch(toApi ? `${this.t.baseUrl}${target.pathname}${target.search}` : url, { headers, redirect: 'manual' });
    if (toApi) this.store(response.headers.getSetCookie());
    await response.arrayBuffer();
    return { status: response.status, location: response.headers.get('location') };
  }

  /** Starts at `startPath` and follows redirects until one leads to the web app; that URL. */
  async signIn(startPath: string): Promise<URL> {
    let url = `${API_ORIGIN}${startPath}`;
    for (let hop = 0; hop < 5; hop++) {
      const { status, location } = await this.visit(url);
      if (status !== 302 || !location) throw new Error(`${url} answered ${status} without a redirect`);
      if (location.startsWith(WEB_CALLBACK)) return new URL(location);
      url = location;
    }
    throw new Error('Too many redirects');
  }

  /** Starts a sign-in and lets the provider approve it, stopping before the callback; the callback URL. */
  async untilCallback(startPath: string): Promise<URL> {
    const start = await this.visit(`${API_ORIGIN}${startPath}`);
    const approved = await this.visit(start.location!);
    return new URL(approved.location!);
  }

  private store(setCookies: string[]): void {
    for (const header of setCookies) {
      const [pair, ...attributes] = header.split(';').map((part) => part.trim());
      const [name, value] = [pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1)];
      const path = attributes.find((a) => /^path=/i.test(a))?.slice(5) ?? '/';
      const expired = attributes.some((a) => /^expires=.*1970/i.test(a) || /^max-age=0$/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, { value, path, attributes: attributes.join('; ') });
    }
  }
}

/** A local port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function decodeState(value: string | null): Record<string, unknown> {
  return JSON.parse(Buffer.from(value ?? '', 'base64url').toString('utf8'));
}

function encodeState(state: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

describe('OAuth sign-in (Google, Microsoft) against a local OpenID Connect server', () => {
  const standIn = new OidcStandIn();
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    await standIn.start();
    t = await bootTestApp({
      env: {
        API_PUBLIC_URL: API_ORIGIN,
        GOOGLE_CLIENT_ID: 'google-client-id',
        GOOGLE_CLIENT_SECRET: 'google-client-secret',
        GOOGLE_AUTH_URL: standIn.url('/authorize'),
        GOOGLE_TOKEN_URL: standIn.url('/token'),
        GOOGLE_USERINFO_URL: standIn.url('/userinfo'),
        MS_CLIENT_ID: 'microsoft-client-id',
        MS_CLIENT_SECRET: 'microsoft-client-secret',
        MS_ISSUER_URL: standIn.issuer,
      },
    });
    db = t.app.get<DataSource>(PRIVILEGED_DATA_SOURCE);
  });
  afterAll(async () => {
    await t.close();
    await standIn.stop();
  });

  async function exchange(landing: URL) {
    const code = landing.searchParams.get('code');
    expect(code).toEqual(expect.any(String));
    const res = await t.http.post('/api/v1/auth/oauth/exchange', { code });
    expect(res.status).toBe(200);
    const me = await t.http.get('/api/v1/auth/me', { token: res.body.accessToken });
    expect(me.status).toBe(200);
    return { tokens: res.body, me: me.body };
  }

  async function usersWithEmail(email: string): Promise<number> {
    const rows: { count: string }[] = await db.query('select count(*) as count from users where email = $1', [email]);
    return Number(rows[0]!.count);
  }

  async function invite(email: string, role: 'admin' | 'engineer' | 'viewer') {
    const owner = await registerOwner(t.http, { accountName: 'Invite Co' });
    const res = await t.http.post('/api/v1/accounts/invites', { email, role }, { token: owner.token });
    expect(res.status).toBe(201);
    return { owner, code: new URL(res.body.inviteUrl).searchParams.get('code')! };
  }

  it('registers a new Google user as the owner of a new account with a trial', async () => {
    const email = testEmail('gina');
    standIn.signInAs({ sub: `google-${randomBytes(4).toString('hex')}`, email, email_verified: true, name: 'Gina Google' });
    const browser = new Browser(t);

    const start = await browser.visit(`${API_ORIGIN}/api/v1/auth/oauth/google`);
    expect(start.status).toBe(302);
    const authorize = new URL(start.location!);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(standIn.url('/authorize'));
    expect(authorize.searchParams.get('client_id')).toBe('google-client-id');
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${API_ORIGIN}/api/v1/auth/oauth/google/callback`);
    expect(authorize.searchParams.get('scope')).toContain('email');

    const csrf = browser.cookies.get('rf_oauth_csrf');
    expect(decodeState(authorize.searchParams.get('state'))).toEqual({ csrf: csrf!.value });
    expect(csrf!.path).toBe('/api/v1/auth/oauth/google/callback');
    expect(csrf!.attributes).toMatch(/HttpOnly/i);
    expect(csrf!.attributes).toMatch(/SameSite=Lax/i);
    expect(csrf!.attributes).toMatch(/Max-Age=600/i);

    const approved = await browser.visit(start.location!);
    expect(approved.location).toMatch(new RegExp(`^${API_ORIGIN}/api/v1/auth/oauth/google/callback\\?code=`));
    const callback = await browser.visit(approved.location!);
    expect(callback.status).toBe(302);
    const landing = new URL(callback.location!);
    expect(`${landing.origin}${landing.pathname}`).toBe(WEB_CALLBACK);
    // Only the one-time code travels in the URL, never a token.
    expect([...landing.searchParams.keys()]).toEqual(['code']);
    expect(browser.cookies.has('rf_oauth_csrf')).toBe(false);

    const { tokens, me } = await exchange(landing);
    expect(tokens).toMatchObject({ accessToken: expect.any(String), expiresIn: 900 });
    expect(me).toMatchObject({
      email,
      name: 'Gina Google',
      role: 'owner',
      emailVerified: true,
      subscription: { plan: 'pro', status: 'trialing' },
    });
  });

  it('signs the same Google subject in to the same user, and a one-time code works once', async () => {
    const subject = `google-${randomBytes(4).toString('hex')}`;
    standIn.signInAs({ sub: subject, email: testEmail('repeat'), email_verified: true, name: 'Ray Repeat' });
    const first = await exchange(await new Browser(t).signIn('/api/v1/auth/oauth/google'));
    const landing = await new Browser(t).signIn('/api/v1/auth/oauth/google');
    const second = await exchange(landing);
    expect(second.me.id).toBe(first.me.id);

    const again = await t.http.post('/api/v1/auth/oauth/exchange', { code: landing.searchParams.get('code') });
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('invalid_exchange_code');
  });

  it('signs in with Microsoft through discovery, PKCE and a nonce, the ID token being the profile', async () => {
    const email = testEmail('mia');
    const subject = `ms-${randomBytes(4).toString('hex')}`;
    standIn.signInAs({ sub: subject, email, email_verified: true, name: 'Mia Microsoft' });
    const browser = new Browser(t);

    const start = await browser.visit(`${API_ORIGIN}/api/v1/auth/oauth/microsoft`);
    const authorize = new URL(start.location!);
    expect(authorize.searchParams.get('client_id')).toBe('microsoft-client-id');
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${API_ORIGIN}/api/v1/auth/oauth/microsoft/callback`);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('nonce')).toEqual(expect.any(String));
    expect(decodeState(authorize.searchParams.get('state'))).toEqual({ csrf: browser.cookies.get('rf_oauth_csrf')!.value });
    expect(browser.cookies.get('rf_oauth_session')?.path).toBe('/api/v1/auth/oauth/microsoft/callback');

    const approved = await browser.visit(start.location!);
    const callback = await browser.visit(approved.location!);
    const landing = new URL(callback.location!);
    expect([...landing.searchParams.keys()]).toEqual(['code']);
    expect(browser.cookies.size).toBe(0);
    const { me } = await exchange(landing);
    expect(me).toMatchObject({ email, name: 'Mia Microsoft', role: 'owner', emailVerified: true });

    standIn.signInAs({ sub: subject, email, email_verified: true, name: 'Mia Microsoft' });
    const again = await exchange(await new Browser(t).signIn('/api/v1/auth/oauth/microsoft'));
    expect(again.me.id).toBe(me.id);
  });

  it('does not let an unverified provider address take over an existing account', async () => {
    const existing = await registerOwner(t.http);
    standIn.signInAs({ sub: `ms-${randomBytes(4).toString('hex')}`, email: existing.email, name: 'Mallory' });
    const landing = await new Browser(t).signIn('/api/v1/auth/oauth/microsoft');
    expect(landing.searchParams.get('error')).toBe('email_already_registered');
    expect(landing.searchParams.has('code')).toBe(false);
  });

  it('gives a pre-registered, never-verified address to its proven owner alone: password and sessions of the first registrant end', async () => {
    // Someone registers the address first and never verifies it; its real owner later signs in with Google.
    const squatter = await registerOwner(t.http, { accountName: 'Squatted IT' });
    standIn.signInAs({ sub: `google-${randomBytes(4).toString('hex')}`, email: squatter.email, email_verified: true, name: 'Rightful Owner' });
    const { me } = await exchange(await new Browser(t).signIn('/api/v1/auth/oauth/google'));
    expect(me).toMatchObject({ id: squatter.user.id, emailVerified: true });

    expect((await t.http.post('/api/v1/auth/login', { email: squatter.email, password: squatter.password })).status).toBe(401);
    expect((await t.http.post('/api/v1/auth/refresh', { refreshToken: squatter.refreshToken })).status).toBe(401);
  });

  it('keeps the password of a verified user who links a provider', async () => {
    const owner = await registerOwner(t.http);
    await db.query('update users set email_verified_at = now() where id = $1', [owner.user.id]);
    standIn.signInAs({ sub: `google-${randomBytes(4).toString('hex')}`, email: owner.email, email_verified: true, name: 'Olivia Owner' });
    const { me } = await exchange(await new Browser(t).signIn('/api/v1/auth/oauth/google'));
    expect(me.id).toBe(owner.user.id);
    expect((await t.http.post('/api/v1/auth/login', { email: owner.email, password: owner.password })).status).toBe(200);
    expect((await t.http.post('/api/v1/auth/refresh', { refreshToken: owner.refreshToken })).status).toBe(200);
  });

  it('joins an invitee to the invited account with the invite role and lands on the teammate welcome', async () => {
    const email = testEmail('invitee');
    const { owner, code } = await invite(email, 'engineer');
    standIn.signInAs({ sub: `google-${randomBytes(4).toString('hex')}`, email, email_verified: true, name: 'Ivy Invitee' });
    const browser = new Browser(t);
    const query = new URLSearchParams({ accountInviteCode: code, invitedEmail: email });

    const start = await browser.visit(`${API_ORIGIN}/api/v1/auth/oauth/google?${query}`);
    const authorize = new URL(start.location!);
    expect(decodeState(authorize.searchParams.get('state'))).toEqual({
      csrf: browser.cookies.get('rf_oauth_csrf')!.value,
      accountInviteCode: code,
      invitedEmail: email,
    });
    expect(authorize.searchParams.get('login_hint')).toBe(email);

    const approved = await browser.visit(start.location!);
    const landing = new URL((await browser.visit(approved.location!)).location!);
    expect(landing.searchParams.get('welcome')).toBe('teammate');
    const { me } = await exchange(landing);
    expect(me).toMatchObject({ email, role: 'engineer', account: { id: owner.user.account.id }, emailVerified: true });

    const rows: { used_by: string | null }[] = await db.query('select used_by from account_invites where code_hash = $1', [
      createHash('sha256').update(code).digest('hex'),
    ]);
    expect(rows[0]!.used_by).toBe(me.id);
  });

  it('refuses an invitee whose provider address differs from the invited one, creating nobody', async () => {
    const invited = testEmail('invited');
    const other = testEmail('other');
    const { code } = await invite(invited, 'viewer');
    standIn.signInAs({ sub: `google-${randomBytes(4).toString('hex')}`, email: other, email_verified: true, name: 'Otto Other' });
    const query = new URLSearchParams({ accountInviteCode: code, invitedEmail: invited });

    const landing = await new Browser(t).signIn(`/api/v1/auth/oauth/google?${query}`);
    expect(`${landing.origin}${landing.pathname}`).toBe(WEB_CALLBACK);
    expect(landing.searchParams.get('error')).toBe('invite_email_mismatch');
    expect(landing.searchParams.has('code')).toBe(false);
    expect(await usersWithEmail(other)).toBe(0);
    const lookup = await t.http.get(`/api/v1/accounts/invites/${code}/lookup`);
    expect(lookup.status).toBe(200);
  });

  it("refuses an invitee when the plan's seats are full, creating nobody and leaving the invite usable", async () => {
    const email = testEmail('seatless');
    const { code } = await invite(email, 'engineer');
    // The owner alone now fills the plan, as if it were lowered after the invite went out.
    await db.query(`update plan_limits set seats = 1 where plan = 'pro'`);
    t.app.get(EntitlementsService).dropLocal({ plan: 'pro' });
    try {
      standIn.signInAs({ sub: `google-${randomBytes(4).toString('hex')}`, email, email_verified: true, name: 'Sid Seatless' });
      const query = new URLSearchParams({ accountInviteCode: code, invitedEmail: email });

      const landing = await new Browser(t).signIn(`/api/v1/auth/oauth/google?${query}`);
      expect(landing.searchParams.get('error')).toBe('seat_limit_reached');
      expect(landing.searchParams.has('code')).toBe(false);
      expect(await usersWithEmail(email)).toBe(0);
      expect((await t.http.get(`/api/v1/accounts/invites/${code}/lookup`)).status).toBe(200);
    } finally {
      await db.query(`update plan_limits set seats = 10 where plan = 'pro'`);
      t.app.get(EntitlementsService).dropLocal({ plan: 'pro' });
    }
  });

  describe('a callback that cannot be tied to the browser that started it fails with oauth_state_invalid', () => {
    let email: string;
    beforeEach(() => {
      email = testEmail('csrf');
      standIn.signInAs({ sub: `google-${randomBytes(4).toString('hex')}`, email, email_verified: true, name: 'Cass Csrf' });
    });

    async function expectStateInvalid(browser: Browser, callback: URL, options?: { withCookies?: boolean }) {
      const answer = await browser.visit(callback.toString(), options);
      expect(answer.status).toBe(302);
      const landing = new URL(answer.location!);
      expect(`${landing.origin}${landing.pathname}`).toBe(WEB_CALLBACK);
      expect(landing.searchParams.get('error')).toBe('oauth_state_invalid');
      expect(landing.searchParams.has('code')).toBe(false);
      expect(await usersWithEmail(email)).toBe(0);
    }

    it('a state whose csrf differs from the cookie (forged)', async () => {
      const browser = new Browser(t);
      const callback = await browser.untilCallback('/api/v1/auth/oauth/google');
      callback.searchParams.set('state', encodeState({ csrf: randomBytes(32).toString('base64url') }));
      await expectStateInvalid(browser, callback);
    });

    it('no state', async () => {
      const browser = new Browser(t);
      const callback = await browser.untilCallback('/api/v1/auth/oauth/google');
      callback.searchParams.delete('state');
      await expectStateInvalid(browser, callback);
    });

    it.each(['google', 'microsoft'])('no cookie (another browser, or an expired attempt): %s', async (provider) => {
      const browser = new Browser(t);
      const callback = await browser.untilCallback(`/api/v1/auth/oauth/${provider}`);
      await expectStateInvalid(browser, callback, { withCookies: false });
    });
  });

  it('lands with a readable error when the user declines or the token exchange fails', async () => {
    standIn.signInAs({ sub: 'declines', email: testEmail('declines'), email_verified: true });
    standIn.denyConsent();
    const declined = await new Browser(t).signIn('/api/v1/auth/oauth/google');
    expect(declined.searchParams.get('error')).toBe('oauth_access_denied');

    for (const provider of ['google', 'microsoft']) {
      standIn.signInAs({ sub: 'refused', email: testEmail('refused'), email_verified: true });
      standIn.failTokenRequests();
      const landing = await new Browser(t).signIn(`/api/v1/auth/oauth/${provider}`);
      expect(landing.searchParams.get('error')).toBe('oauth_provider_error');
      expect([...landing.searchParams.keys()]).toEqual(['error']);
    }
  });

  it('answers 404 for a provider that does not exist', async () => {
    const res = await t.http.get('/api/v1/auth/oauth/github');
    expect(res.status).toBe(404);
    expect(res.body.error).toBe('oauth_provider_disabled');
  });

  describe('a deployment without Google and with an unreachable Microsoft issuer', () => {
    let other: TestApp;
    beforeAll(async () => {
      other = await bootTestApp({
        env: { MS_CLIENT_ID: 'microsoft-client-id', MS_CLIENT_SECRET: 'secret', MS_ISSUER_URL: `http://127.0.0.1:${await closedPort()}` },
      });
    });
    afterAll(async () => {
      await other.close();
    });

    it('answers 404 oauth_provider_disabled for a provider without a client id', async () => {
      const start = await other.http.get('/api/v1/auth/oauth/google');
      expect(start.status).toBe(404);
      expect(start.body.error).toBe('oauth_provider_disabled');
      const callback = await fetch(`${other.baseUrl}/api/v1/auth/oauth/google/callback?code=x&state=y`, { redirect: 'manual' });
      expect(callback.status).toBe(302);
      expect(new URL(callback.headers.get('location')!).searchParams.get('error')).toBe('oauth_provider_disabled');
    });

    it('boots all the same, and a sign-in lands on the web app with oauth_provider_error', async () => {
      const start = await fetch(`${other.baseUrl}/api/v1/auth/oauth/microsoft`, { redirect: 'manual' });
      expect(start.status).toBe(302);
      const landing = new URL(start.headers.get('location')!);
      expect(`${landing.origin}${landing.pathname}`).toBe(WEB_CALLBACK);
      expect(landing.searchParams.get('error')).toBe('oauth_provider_error');
      expect(start.headers.getSetCookie()).toEqual([]);
    });
  });
});
