import { loginUrlFor, safeReturnUrl } from './return-url';

describe('safeReturnUrl', () => {
  it.each(['/team', '/settings/api-keys?tab=1', '/billing#plans'])('keeps the app path %s', (path) => {
    expect(safeReturnUrl(path)).toBe(path);
  });

  it.each([
    ['an absolute URL', 'https://evil.example/x'],
    ['a protocol-relative URL', '//evil.example'],
    ['a backslash trick', '/\\evil.example'],
    ['a relative path', 'team'],
    ['nothing', ''],
    ['the sign-in page', '/login?returnUrl=/team'],
    ['the OAuth callback', '/auth/callback?code=abc'],
    ['an invitation', '/accept-invite?code=abc'],
  ])('refuses %s', (_case, value) => {
    expect(safeReturnUrl(value)).toBeNull();
  });

  it('builds the sign-in URL with the return path encoded, and plain /login for home', () => {
    expect(loginUrlFor('/team?x=1')).toBe('/login?returnUrl=%2Fteam%3Fx%3D1');
    expect(loginUrlFor('/')).toBe('/login');
    expect(loginUrlFor('https://evil.example')).toBe('/login');
  });
});
