import { oauthFailureText, oauthStartUrl, rememberOAuthReturn, takeOAuthReturn } from './oauth';

describe('oauthStartUrl', () => {
  it('starts a plain sign-in at the API', () => {
    expect(oauthStartUrl('google')).toBe('/api/v1/auth/oauth/google');
  });

  it('carries the invitation of the accept-invite page', () => {
    expect(oauthStartUrl('microsoft', { accountInviteCode: 'abc 123', invitedEmail: 'tara+it@acme.example' })).toBe(
      '/api/v1/auth/oauth/microsoft?accountInviteCode=abc+123&invitedEmail=tara%2Bit%40acme.example',
    );
  });
});

describe('oauthFailureText', () => {
  it('explains an invitation for another address', () => {
    expect(oauthFailureText('invite_email_mismatch').title).toBe('That account does not match the invitation');
  });

  it('explains a dead invitation and what to do', () => {
    const text = oauthFailureText('invite_invalid_or_expired_or_revoked');
    expect(text.title).toBe('This invitation is no longer valid');
    expect(text.text).toContain('Ask the person who invited you');
  });

  it('has a friendly sentence for anything else', () => {
    expect(oauthFailureText('something_new')).toEqual({
      title: 'Sign-in did not work',
      text: 'The sign-in provider did not complete the sign-in. Please try again in a moment.',
    });
  });
});

describe('the return address kept across a provider sign-in', () => {
  afterEach(() => sessionStorage.clear());

  it('is read once', () => {
    rememberOAuthReturn('/sessions/42?tab=notes');
    expect(takeOAuthReturn()).toBe('/sessions/42?tab=notes');
    expect(takeOAuthReturn()).toBeNull();
  });

  it.each(['https://evil.example/x', '//evil.example', '/\\evil.example', '/login'])('is never %s', (target) => {
    rememberOAuthReturn(target);
    expect(takeOAuthReturn()).toBeNull();
  });

  it('is checked again when read, whoever wrote it', () => {
    sessionStorage.setItem('resolutionflow.oauthReturnUrl', '//evil.example');
    expect(takeOAuthReturn()).toBeNull();
  });

  it('is cleared by a sign-in started without one', () => {
    rememberOAuthReturn('/team');
    rememberOAuthReturn(null);
    expect(takeOAuthReturn()).toBeNull();
  });
});
