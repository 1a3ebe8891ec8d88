import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import type { DataSource } from 'typeorm';
import { PRIVILEGED_DATA_SOURCE } from '../../../apps/api/src/core/database/data-sources.js';
import { ConnectWiseStandIn } from '../../support/connectwise-stand-in.js';
import { HttpStandIn } from '../../support/http-stand-in.js';
import { mailTo, registerOwner, TEST_PASSWORD, testEmail, tokenFromMail, type SignedIn } from '../../support/identity.js';
import { OidcStandIn } from '../../support/oidc-stand-in.js';
import { randomClientIp, send } from '../../support/openapi.js';
import { SmtpCapture } from '../../support/smtp-capture.js';
import { SseClient } from '../../support/sse-client.js';
import { acceptInvite, addTeammate, invite, inviteCodeOf } from '../../support/team.js';
import { bootTestApp, type TestApp } from '../../support/test-app.js';

/** Where browsers reach the API in this test; requests to it are routed to the test server, as a proxy would. */
const API_ORIGIN = 'http://api.resolutionflow.test';
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)]!;
}

describe('auth attacks', () => {
  const smtp = new SmtpCapture();
  const oidc = new OidcStandIn();
  const cw = new ConnectWiseStandIn();
  const slack = new HttpStandIn(() => ({ status: 200, body: 'ok' }));
  const logs: string[] = [];
  /** Every credential this file handles; none may appear in the app's log output. */
  const secrets = new Map<string, string>();
  let t: TestApp;
  let db: DataSource;
  let jwtSecret: Uint8Array;
  let owner: SignedIn;

  const keep = (label: string, value: string | undefined) => {
    if (value) secrets.set(value, label);
    return value;
  };
  const me = (token: string) => t.http.get('/api/v1/auth/me', { token });
  const accessToken = (claims: { sub: string; acc: string; typ?: string }, options: { alg?: string; key?: Uint8Array; exp?: number; iss?: string; aud?: string } = {}) =>
    new SignJWT({ acc: claims.acc, typ: claims.typ ?? 'access' })
      .setProtectedHeader({ alg: options.alg ?? 'HS256', typ: 'JWT' })
      .setSubject(claims.sub)
      .setIssuer(options.iss ?? 'resolutionflow')
      .setAudience(options.aud ?? 'resolutionflow-api')
      .setIssuedAt()
      .setExpirationTime(options.exp ?? Math.floor(Date.now() / 1000) + 600)
      .sign(options.key ?? jwtSecret);

  beforeAll(async () => {
    await Promise.all([smtp.start(), oidc.start(), cw.start(), slack.start()]);
    t = await bootTestApp({
      env: {
        LOG_LEVEL: 'debug',
        SMTP_URL: smtp.url,
        ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        API_PUBLIC_URL: API_ORIGIN,
        GOOGLE_CLIENT_ID: 'google-client-id',
        GOOGLE_CLIENT_SECRET: 'google-client-secret-value',
        GOOGLE_AUTH_URL: oidc.url('/authorize'),
        GOOGLE_TOKEN_URL: oidc.url('/token'),
        GOOGLE_USERINFO_URL: oidc.url('/userinfo'),
      },
      logSink: (line) => logs.push(line),
    });
    db = t.app.get<DataSource>(PRIVILEGED_DATA_SOURCE);
    jwtSecret = new TextEncoder().encode(t.config.env.JWT_SECRET);
    keep('JWT secret', t.config.env.JWT_SECRET);
    keep('Google client secret', 'google-client-secret-value');
    keep('password', TEST_PASSWORD);
    owner = await registerOwner(t.http);
    keep('access token', owner.token);
    keep('refresh token', owner.refreshToken);
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([smtp.stop(), oidc.stop(), cw.stop(), slack.stop()]);
  });

  describe('access tokens', () => {
    it('accepts a well-formed token and refuses expired, forged, alg:none, wrong-algorithm, wrong-audience and stream tickets', async () => {
      const claims = { sub: owner.user.id, acc: owner.user.account.id };
      // The crafted token is accepted when nothing is wrong with it, so each refusal below is about its one defect.
      expect((await me(await accessToken(claims))).status).toBe(200);

      const forgeries: Record<string, string> = {
        expired: await accessToken(claims, { exp: Math.floor(Date.now() / 1000) - 5 }),
        'signed with another key': await accessToken(claims, { key: new TextEncoder().encode('another-secret-that-is-long-enough-0123456789') }),
        'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: claims.sub, acc: claims.acc, typ: 'access', iss: 'resolutionflow', aud: 'resolutionflow-api', exp: Math.floor(Date.now() / 1000) + 600 })}.`,
        'alg HS512 with the right key': await accessToken(claims, { alg: 'HS512' }),
        'another issuer': await accessToken(claims, { iss: 'someone-else' }),
        'another audience': await accessToken(claims, { aud: 'another-api' }),
        'a stream ticket': await accessToken({ ...claims, typ: 'stream' }),
        'another account in the claims': await accessToken({ ...claims, acc: crypto.randomUUID() }),
        'a user that does not exist': await accessToken({ ...claims, sub: crypto.randomUUID() }),
        'payload swapped under a valid signature': (() => {
          const [header, , signature] = owner.token.split('.');
          return `${header}.${b64({ sub: crypto.randomUUID(), acc: claims.acc, typ: 'access', iss: 'resolutionflow', aud: 'resolutionflow-api', exp: 9_999_999_999 })}.${signature}`;
        })(),
        garbage: 'not.a.jwt',
      };
      const answers = await Promise.all(Object.entries(forgeries).map(async ([name, token]) => ({ name, ...(await me(token)) })));
      for (const answer of answers) expect({ name: answer.name, status: answer.status, error: answer.body.error }).toEqual({ name: answer.name, status: 401, error: 'unauthorized' });
      // One answer for every kind of bad token: nothing to learn from the differences.
      expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    });

    it("stops a removed member's access and refresh tokens at once", async () => {
      const member = await addTeammate(t.http, owner.token, 'engineer');
      keep('access token', member.token);
      keep('refresh token', member.refreshToken);
      expect((await me(member.token)).status).toBe(200);
      expect((await t.http.delete(`/api/v1/accounts/members/${member.user.id}`, { token: owner.token })).status).toBe(204);
      expect((await me(member.token)).status).toBe(401);
      expect((await t.http.get('/api/v1/ai-sessions', { token: member.token })).status).toBe(401);
      expect((await t.http.post('/api/v1/auth/refresh', { refreshToken: member.refreshToken })).status).toBe(401);
      expect((await t.http.post('/api/v1/auth/login', { email: member.email, password: member.password })).status).toBe(401);
    });

    it('revokes the whole family when a rotated refresh token is replayed', async () => {
      const who = await registerOwner(t.http);
      keep('refresh token', who.refreshToken);
      const first = await t.http.post('/api/v1/auth/refresh', { refreshToken: who.refreshToken });
      const second = await t.http.post('/api/v1/auth/refresh', { refreshToken: first.body.refreshToken });
      keep('refresh token', first.body.refreshToken);
      keep('refresh token', second.body.refreshToken);
      keep('access token', second.body.accessToken);
      expect([first.status, second.status]).toEqual([200, 200]);
      // The thief replays the first rotated token: the family dies, the legitimate holder included.
      expect((await t.http.post('/api/v1/auth/refresh', { refreshToken: first.body.refreshToken })).body.error).toBe('refresh_token_reused');
      expect((await t.http.post('/api/v1/auth/refresh', { refreshToken: second.body.refreshToken })).status).toBe(401);
    });
  });

  describe('OAuth state', () => {
    /** One browser: follows redirects by hand and keeps the API's cookies. */
    async function visit(url: string, cookies: Map<string, string>, ip: string): Promise<{ status: number; location: string | null }> {
      const target = new URL(url);
      const toApi = target.origin === API_ORIGIN;
      const headers: Record<string, string> = toApi ? { 'x-forwarded-for': ip, cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {};
      const res = await fetch(toApi ? `${t.baseUrl}${target.pathname}${target.search}` : url, { headers, redirect: 'manual' });
      await res.arrayBuffer();
      if (toApi) {
        for (const header of res.headers.getSetCookie()) {
          const [pair] = header.split(';');
          const name = pair!.slice(0, pair!.indexOf('='));
          const value = pair!.slice(pair!.indexOf('=') + 1);
          if (value && !/max-age=0|expires=.*1970/i.test(header)) cookies.set(name, value);
          else cookies.delete(name);
        }
      }
      return { status: res.status, location: res.headers.get('location') };
    }

    /** Starts a sign-in, lets the provider approve, and stops before the callback: the callback URL. */
    async function untilCallback(query: string, cookies: Map<string, string>, ip: string): Promise<URL> {
      const start = await visit(`${API_ORIGIN}/api/v1/auth/oauth/google${query}`, cookies, ip);
      const approved = await visit(start.location!, cookies, ip);
      return new URL(approved.location!);
    }

    it("refuses a state whose invited email was rewritten to the provider's address, creating nobody", async () => {
      const issued = await invite(t.http, owner.token, 'engineer', testEmail('alice'));
      const mallory = testEmail('mallory');
      oidc.signInAs({ sub: `google-${randomBytes(4).toString('hex')}`, email: mallory, email_verified: true, name: 'Mallory' });
      const cookies = new Map<string, string>();
      const ip = randomClientIp();
      const code = inviteCodeOf(issued.inviteUrl);
      const callback = await untilCallback(`?accountInviteCode=${code}&invitedEmail=${encodeURIComponent(issued.email)}`, cookies, ip);
      const state = JSON.parse(Buffer.from(callback.searchParams.get('state')!, 'base64url').toString());
      callback.searchParams.set('state', b64({ ...state, invitedEmail: mallory }));
      const landing = new URL((await visit(callback.toString(), cookies, ip)).location!);
      expect(landing.searchParams.get('error')).toBe('invite_email_mismatch');
      expect(landing.searchParams.has('code')).toBe(false);
      expect(await db.query(`select 1 from users where email = $1`, [mallory])).toEqual([]);
      // The invite is still open for the person it was meant for.
      expect((await t.http.get(`/api/v1/accounts/invites/${code}/lookup`)).status).toBe(200);
    });

    it('refuses malformed states and a replayed callback', async () => {
      oidc.signInAs({ sub: `google-${randomBytes(4).toString('hex')}`, email: testEmail('replay'), email_verified: true, name: 'Rae Replay' });
      const cookies = new Map<string, string>();
      const ip = randomClientIp();
      const callback = await untilCallback('', cookies, ip);
      keep('provider authorization code', callback.searchParams.get('code')!);
      for (const bad of ['%%%', b64({ csrf: 'short' }), 'x'.repeat(2000), Buffer.from('not json').toString('base64url'), b64({ csrf: 'a'.repeat(40), invitedEmail: 'x'.repeat(300) })]) {
        const tampered = new URL(callback);
        tampered.searchParams.set('state', bad);
        const landing = new URL((await visit(tampered.toString(), new Map(cookies), ip)).location!);
        expect([bad.slice(0, 20), landing.searchParams.get('error')]).toEqual([bad.slice(0, 20), 'oauth_state_invalid']);
      }
      const first = new URL((await visit(callback.toString(), cookies, ip)).location!);
      const exchange = first.searchParams.get('code');
      expect(exchange).toEqual(expect.any(String));
      const tokens = await t.http.post('/api/v1/auth/oauth/exchange', { code: exchange });
      expect(tokens.status).toBe(200);
      keep('oauth exchange code', exchange!);
      keep('access token', tokens.body.accessToken);
      keep('refresh token', tokens.body.refreshToken);
      // The same callback again (the state cookie is spent, the provider code used): no second sign-in.
      const replay = new URL((await visit(callback.toString(), cookies, ip)).location!);
      expect(replay.searchParams.has('code')).toBe(false);
      expect(replay.searchParams.get('error')).toMatch(/^oauth_/);
      expect((await t.http.post('/api/v1/auth/oauth/exchange', { code: exchange })).status).toBe(400);
    });
  });

  it('answers unknown, expired, revoked and used invite codes alike: same status, same bytes, similar time', async () => {
    const expired = await invite(t.http, owner.token, 'viewer');
    const revoked = await invite(t.http, owner.token, 'viewer');
    const used = await invite(t.http, owner.token, 'viewer');
    await db.query(`update account_invites set expires_at = now() - interval '1 day' where id = $1`, [expired.id]);
    expect((await t.http.delete(`/api/v1/accounts/invites/${revoked.id}`, { token: owner.token })).status).toBe(204);
    await acceptInvite(t.http, used);
    const codes: Record<string, string> = {
      unknown: randomBytes(24).toString('base64url'),
      expired: inviteCodeOf(expired.inviteUrl),
      revoked: inviteCodeOf(revoked.inviteUrl),
      used: inviteCodeOf(used.inviteUrl),
    };
    // Warm up, then interleave the kinds so drift over time hits all of them alike. Each try from its own address (the lookup is rate-limited).
    for (const code of Object.values(codes)) await send(t.baseUrl, { method: 'GET', path: `/api/v1/accounts/invites/${code}/lookup` });
    const timings: Record<string, number[]> = { unknown: [], expired: [], revoked: [], used: [] };
    const bodies = new Set<string>();
    const statuses = new Set<number>();
    for (let round = 0; round < 30; round++) {
      for (const [kind, code] of Object.entries(codes)) {
        const res = await send(t.baseUrl, { method: 'GET', path: `/api/v1/accounts/invites/${code}/lookup` });
        timings[kind]!.push(res.ms);
        bodies.add(res.text);
        statuses.add(res.status);
      }
    }
    expect([...statuses]).toEqual([404]);
    expect([...bodies]).toEqual([JSON.stringify({ statusCode: 404, error: 'invite_invalid_or_expired_or_revoked', message: JSON.parse([...bodies][0]!).message })]);
    const medians = Object.fromEntries(Object.entries(timings).map(([kind, ms]) => [kind, Math.round(median(ms) * 10) / 10]));
    const fastest = Math.min(...Object.values(medians));
    const slowest = Math.max(...Object.values(medians));
    expect({ medians, similar: slowest <= fastest * 3 || slowest - fastest <= 10 }).toEqual({ medians, similar: true });
    console.log(`invite enumeration: 4 kinds × 30 lookups, one status and one body; medians (ms) ${JSON.stringify(medians)}`);
  });

  it('throttles password guessing from one address across many accounts', async () => {
    const ip = randomClientIp();
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const res = await send(t.baseUrl, { method: 'POST', path: '/api/v1/auth/login', ip, body: { email: testEmail('guess'), password: `guess-password-${i}` } });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
    // Another address is not punished for it.
    expect((await send(t.baseUrl, { method: 'POST', path: '/api/v1/auth/login', body: { email: owner.email, password: owner.password } })).status).toBe(200);
  });

  it('honours a password reset token once, only the newest one, and never after it expires', async () => {
    const who = await registerOwner(t.http);
    const request = () => t.http.fromAnotherClient().post('/api/v1/auth/password-reset/request', { email: who.email });
    const nthResetMail = async (n: number) => {
      await smtp.waitFor(() => smtp.messages.filter((m) => m.to.includes(who.email) && /reset/i.test(m.subject)).length >= n);
      return tokenFromMail(smtp.messages.filter((m) => m.to.includes(who.email) && /reset/i.test(m.subject))[n - 1]!);
    };
    const confirm = (token: string, password: string) => {
      keep('reset token', token);
      keep('password', password);
      return t.http.fromAnotherClient().post('/api/v1/auth/password-reset/confirm', { token, password });
    };

    expect((await request()).status).toBe(202);
    const expiring = await nthResetMail(1);
    await db.query(`update one_time_tokens set expires_at = now() - interval '1 second' where user_id = $1 and purpose = 'reset_password'`, [who.user.id]);
    expect((await confirm(expiring, 'expired-token-passphrase')).body.error).toBe('invalid_or_expired_token');

    await request();
    const superseded = await nthResetMail(2);
    await request();
    const newest = await nthResetMail(3);
    expect((await confirm(superseded, 'superseded-passphrase')).body.error).toBe('invalid_or_expired_token');
    expect((await confirm(newest, 'the-newest-passphrase')).status).toBe(204);
    expect((await confirm(newest, 'a-second-use-passphrase')).body.error).toBe('invalid_or_expired_token');
    expect((await t.http.post('/api/v1/auth/login', { email: who.email, password: 'the-newest-passphrase' })).status).toBe(200);
    for (const rejected of ['expired-token-passphrase', 'superseded-passphrase', 'a-second-use-passphrase']) {
      expect((await t.http.fromAnotherClient().post('/api/v1/auth/login', { email: who.email, password: rejected })).status).toBe(401);
    }
  });

  it('never writes a password, token, key, private key or webhook URL to the log', async () => {
    // Flows that handle every kind of secret, on top of the ones above.
    const who = await registerOwner(t.http, { password: 'log-scan-passphrase-1' });
    keep('password', 'log-scan-passphrase-1');
    keep('access token', who.token);
    keep('refresh token', who.refreshToken);
    const verify = tokenFromMail(await mailTo(smtp, who.email, /confirm your email/i));
    keep('verify-email token', verify);
    expect((await t.http.post('/api/v1/auth/verify-email', { token: verify })).status).toBe(204);
    const login = await t.http.fromAnotherClient().post('/api/v1/auth/login', { email: who.email, password: 'log-scan-passphrase-1' });
    keep('access token', login.body.accessToken);
    keep('refresh token', login.body.refreshToken);
    const refreshed = await t.http.post('/api/v1/auth/refresh', undefined, { headers: { cookie: `rf_refresh=${login.body.refreshToken}` } });
    keep('refresh token', refreshed.body.refreshToken);

    const key = await t.http.post('/api/v1/accounts/api-keys', { name: 'Log scan', role: 'admin' }, { token: who.token });
    keep('API key secret', key.body.secret);
    expect((await t.http.get('/api/v1/accounts/members', { token: key.body.secret })).status).toBe(200);
    expect((await t.http.get('/api/v1/accounts/members', { token: `${key.body.secret}x` })).status).toBe(401);

    keep('PSA private key', cw.credentials.privateKey);
    keep('PSA public key', cw.credentials.publicKey);
    expect((await t.http.put('/api/v1/psa/connection', cw.connectionSettings(), { token: who.token })).status).toBe(200);
    expect((await t.http.post('/api/v1/psa/connection/test', {}, { token: who.token })).body.ok).toBe(true);
    await cw.setFault('error');
    await t.http.post('/api/v1/psa/connection/test', {}, { token: who.token });
    await cw.setFault('none');

    const webhook = `${slack.url}/services/T0SECRET/B0SECRET/xoxbSecretPathToken`;
    keep('Slack webhook URL', webhook);
    keep('Slack webhook secret path', '/services/T0SECRET/B0SECRET/xoxbSecretPathToken');
    expect((await t.http.put('/api/v1/accounts/integrations', { slackWebhookUrl: webhook }, { token: who.token })).status).toBe(200);
    await t.http.post('/api/v1/accounts/integrations/test', { channel: 'slack' }, { token: who.token });
    slack.respondWith(() => ({ status: 500, body: 'boom' }));
    await t.http.post('/api/v1/accounts/integrations/test', { channel: 'slack' }, { token: who.token });
    slack.respondWith(() => ({ status: 200, body: 'ok' }));

    const ticket = await t.http.post('/api/v1/auth/stream-ticket', undefined, { token: who.token });
    keep('stream ticket', ticket.body.ticket);
    const stream = await SseClient.open(`${t.baseUrl}/api/v1/ai-sessions/escalations/stream?ticket=${ticket.body.ticket}`);
    await stream.waitFor((e) => e.event === 'ready');
    await stream.close();

    const text = logs.join('\n');
    expect(logs.length).toBeGreaterThan(50);
    // Debug logging really was on and saw these requests, so an empty scan cannot pass for a clean one.
    expect(text).toContain('/api/v1/auth/login');
    const found = [...secrets].filter(([value]) => text.includes(value)).map(([value, label]) => `${label}: ${value.slice(0, 12)}…`);
    expect(found).toEqual([]);
    console.log(`secrets in logs: ${secrets.size} secrets of ${new Set(secrets.values()).size} kinds checked against ${logs.length} log lines; 0 leaked`);
  });
});
