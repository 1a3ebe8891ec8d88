import { bootTestApp, type TestApp } from '../support/test-app.js';

describe('public configuration', () => {
  const boots: TestApp[] = [];
  async function boot(env: Record<string, string> = {}) {
    const t = await bootTestApp({ env });
    boots.push(t);
    return t;
  }
  afterAll(() => Promise.all(boots.map((t) => t.close())));

  it('answers without authentication: self-serve on, no code needed, no OAuth provider by default', async () => {
    const t = await boot();
    const res = await t.http.get('/api/v1/config/public');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ selfServeEnabled: true, requireInviteCode: false, oauthProviders: [] });
  });

  it('lists each OAuth provider whose client id is configured', async () => {
    const google = await boot({ GOOGLE_CLIENT_ID: 'google-client', GOOGLE_CLIENT_SECRET: 'google-secret' });
    expect((await google.http.get('/api/v1/config/public')).body.oauthProviders).toEqual(['google']);
    const both = await boot({
      GOOGLE_CLIENT_ID: 'google-client',
      GOOGLE_CLIENT_SECRET: 'google-secret',
      MS_CLIENT_ID: 'ms-client',
      MS_CLIENT_SECRET: 'ms-secret',
    });
    expect((await both.http.get('/api/v1/config/public')).body.oauthProviders).toEqual(['google', 'microsoft']);
  });

  it('says a code is required only when sign-up is gated and self-serve is off', async () => {
    const gated = await boot({ SELF_SERVE_ENABLED: 'false', REQUIRE_INVITE_CODE: 'true' });
    expect((await gated.http.get('/api/v1/config/public')).body).toMatchObject({ selfServeEnabled: false, requireInviteCode: true });
    const bypassed = await boot({ SELF_SERVE_ENABLED: 'true', REQUIRE_INVITE_CODE: 'true' });
    expect((await bypassed.http.get('/api/v1/config/public')).body).toMatchObject({ selfServeEnabled: true, requireInviteCode: false });
  });

  it('documents every account, invite, member, API key, config and admin route with its tag, auth and error codes', async () => {
    const t = boots[0] ?? (await boot());
    const doc = (await t.http.get('/api/docs-json')).body;
    const expected: Array<[string, string, string, string[]]> = [
      ['post', '/api/v1/accounts/invites', 'invites', ['validation_failed', 'forbidden', 'invite_already_pending', 'email_already_registered']],
      ['get', '/api/v1/accounts/invites', 'invites', ['forbidden']],
      ['delete', '/api/v1/accounts/invites/{id}', 'invites', ['not_found', 'invite_already_accepted']],
      ['post', '/api/v1/accounts/invites/{id}/resend', 'invites', ['not_found', 'invite_not_resendable']],
      ['get', '/api/v1/accounts/invites/{code}/lookup', 'invites', ['invite_invalid_or_expired_or_revoked', 'rate_limited']],
      ['get', '/api/v1/accounts/members', 'members', ['forbidden', 'email_verification_required']],
      ['patch', '/api/v1/accounts/members/{userId}', 'members', ['last_owner', 'cannot_change_own_role', 'not_found']],
      ['delete', '/api/v1/accounts/members/{userId}', 'members', ['last_owner', 'not_found']],
      ['post', '/api/v1/accounts/api-keys', 'api-keys', ['validation_failed', 'forbidden']],
      ['get', '/api/v1/accounts/api-keys', 'api-keys', ['forbidden']],
      ['delete', '/api/v1/accounts/api-keys/{id}', 'api-keys', ['not_found']],
      ['post', '/api/v1/admin/invite-codes', 'admin', ['validation_failed', 'forbidden', 'invite_code_exists']],
      ['get', '/api/v1/admin/invite-codes', 'admin', ['forbidden']],
      ['delete', '/api/v1/admin/invite-codes/{id}', 'admin', ['not_found']],
    ];
    for (const [method, path, tag, codes] of expected) {
      const operation = doc.paths[path]?.[method];
      expect({ path, method, found: Boolean(operation) }).toEqual({ path, method, found: true });
      expect(operation.tags).toEqual([tag]);
      const documented = Object.values(operation.responses as Record<string, { description?: string }>)
        .map((r) => r.description ?? '')
        .join(' ');
      for (const code of codes) expect({ path, method, code, documented: documented.includes(`\`${code}\``) }).toMatchObject({ documented: true });
      const isPublic = path.endsWith('/lookup');
      expect({ path, method, bearer: Boolean(operation.security?.some((s: object) => 'bearer' in s)) }).toMatchObject({ bearer: !isPublic });
    }
    expect(doc.paths['/api/v1/config/public'].get.tags).toEqual(['config']);
    expect(doc.paths['/api/v1/accounts/invites'].post.requestBody).toBeDefined();
    expect(doc.paths['/api/v1/accounts/members/{userId}'].patch.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'userId', in: 'path' })]),
    );
  });
});
