import { jest } from '@jest/globals';
import { SignJWT } from 'jose';
import { loadConfig } from '../../core/config/app-config.js';
import { AccessTokens } from './access-tokens.js';

describe('AccessTokens', () => {
  const sut = new AccessTokens(loadConfig({ JWT_SECRET: 'a'.repeat(40) }));
  const claims = { userId: '7d3c1c3e-1111-4c1a-9f00-000000000001', accountId: '7d3c1c3e-2222-4c1a-9f00-000000000002' };

  it('round-trips its own tokens', async () => {
    expect(await sut.verify(await sut.sign(claims))).toEqual(claims);
  });

  it('rejects a token signed with another key', async () => {
    const other = new AccessTokens(loadConfig({ JWT_SECRET: 'b'.repeat(40) }));
    expect(await sut.verify(await other.sign(claims))).toBeNull();
  });

  it('rejects alg:none and tampered payloads', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(
      JSON.stringify({ sub: claims.userId, acc: claims.accountId, typ: 'access', iss: 'resolutionflow', aud: 'resolutionflow-api', exp: 9999999999 }),
    ).toString('base64url');
    expect(await sut.verify(`${header}.${body}.`)).toBeNull();
    const [h, , s] = (await sut.sign(claims)).split('.');
    expect(await sut.verify(`${h}.${body}.${s}`)).toBeNull();
  });

  it('rejects an expired token', async () => {
    const expired = await new SignJWT({ acc: claims.accountId, typ: 'access' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.userId)
      .setIssuer('resolutionflow')
      .setAudience('resolutionflow-api')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode('a'.repeat(40)));
    expect(await sut.verify(expired)).toBeNull();
  });

  it('remembers a verified token only as what it is and only until it expires', async () => {
    const access = await sut.sign(claims);
    expect(await sut.verify(access)).toEqual(claims);
    expect(await sut.verifyStreamTicket(access)).toBeNull();
    const soon = await new SignJWT({ acc: claims.accountId, typ: 'access' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.userId)
      .setIssuer('resolutionflow')
      .setAudience('resolutionflow-api')
      .setExpirationTime(Math.floor(Date.now() / 1000) + 2)
      .sign(new TextEncoder().encode('a'.repeat(40)));
    expect(await sut.verify(soon)).toEqual(claims);
    // The clock moves past its expiry (for the library's own check as well as the cache's).
    jest.useFakeTimers({ now: Date.now() + 5_000, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      expect(await sut.verify(soon)).toBeNull();
    } finally {
      jest.useRealTimers();
    }
  });
});
