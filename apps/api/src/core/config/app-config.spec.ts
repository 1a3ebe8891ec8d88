import { ConfigError, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('applies defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.env.PORT).toBe(3000);
    expect(config.env.SELF_SERVE_ENABLED).toBe(true);
    expect(config.env.REQUIRE_INVITE_CODE).toBe(false);
    expect(config.env.TRIAL_DAYS).toBe(14);
    expect(config.env.DATABASE_URL).toBeUndefined();
  });

  it('names every bad variable', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', SELF_SERVE_ENABLED: 'maybe', DATABASE_URL: 'mysql://x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('PORT');
    expect(message).toContain('SELF_SERVE_ENABLED');
    expect(message).toContain('DATABASE_URL');
  });

  it('refuses the development JWT secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), ENCRYPTION_KEY: 'k'.repeat(64) }).isProduction).toBe(true);
  });

  it('refuses half an OAuth provider, naming the missing half', () => {
    expect(() => loadConfig({ GOOGLE_CLIENT_ID: 'google-client' })).toThrow(/GOOGLE_CLIENT_SECRET.*must be set together with GOOGLE_CLIENT_ID/);
    expect(() => loadConfig({ MS_CLIENT_SECRET: 'ms-secret' })).toThrow(/MS_CLIENT_ID.*must be set together with MS_CLIENT_SECRET/);
    const both = loadConfig({ GOOGLE_CLIENT_ID: 'google-client', GOOGLE_CLIENT_SECRET: 'google-secret' });
    expect(both.env.GOOGLE_CLIENT_ID).toBe('google-client');
  });

  it('reads previous encryption keys as a list and names the variable and position of a bad one', () => {
    const hex = 'a'.repeat(64);
    expect(loadConfig({}).env.ENCRYPTION_KEYS_PREVIOUS).toEqual([]);
    expect(loadConfig({ ENCRYPTION_KEYS_PREVIOUS: ` ${hex} ,, ${'p'.repeat(40)},` }).env.ENCRYPTION_KEYS_PREVIOUS).toEqual([hex, 'p'.repeat(40)]);
    expect(() => loadConfig({ ENCRYPTION_KEYS_PREVIOUS: `${hex},too-short` })).toThrow(/ENCRYPTION_KEYS_PREVIOUS: key 2 must be 32 bytes/);
    let message = '';
    try {
      loadConfig({ ENCRYPTION_KEYS_PREVIOUS: 'too-short-secret' });
    } catch (e) {
      message = (e as ConfigError).message;
    }
    expect(message).toContain('ENCRYPTION_KEYS_PREVIOUS: key 1');
    expect(message).not.toContain('too-short-secret');
  });

  it('treats blank optional values as unset', () => {
    expect(loadConfig({ SMTP_URL: '', GOOGLE_CLIENT_ID: '  ' }).env.SMTP_URL).toBeUndefined();
  });

  it('allows the web origin and configured extras for CORS', () => {
    const config = loadConfig({ APP_URL: 'https://app.example.test/x', CORS_ORIGINS: 'https://a.test, https://b.test' });
    expect(config.corsOrigins).toEqual(['https://app.example.test', 'https://a.test', 'https://b.test']);
  });
});
