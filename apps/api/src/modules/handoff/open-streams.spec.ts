import type { Principal } from '../../core/auth/principal.js';
import { holderKey, holderOf, OpenStreams, type StreamHolder } from './open-streams.js';

const alice: StreamHolder = { kind: 'user', id: 'u-alice', accountId: 'acct-1' };
const bot: StreamHolder = { kind: 'api_key', id: 'k-bot', accountId: 'acct-1' };
const bob: StreamHolder = { kind: 'user', id: 'u-bob', accountId: 'acct-2' };

const principal = (overrides: Partial<Principal>): Principal => ({
  kind: 'user',
  userId: 'u-alice',
  apiKeyId: null,
  accountId: 'acct-1',
  role: 'engineer',
  superAdmin: false,
  emailVerified: true,
  createdAt: new Date(),
  name: 'Alice',
  email: 'alice@example.test',
  ...overrides,
});

describe('OpenStreams', () => {
  it('names a key’s streams by the key, not by the person who created it', () => {
    expect(holderKey(holderOf(principal({})))).toBe('user:u-alice');
    expect(holderOf(principal({ kind: 'api_key', userId: 'u-alice', apiKeyId: 'k-bot' }))).toEqual(bot);
    expect(() => holderOf(principal({ kind: 'api_key', apiKeyId: null }))).toThrow();
  });

  it('ends every stream of one holder only, with the reason, and forgets them on release', () => {
    const streams = new OpenStreams();
    const ended: string[] = [];
    const releases = [alice, alice, bot, bob].map((holder, i) =>
      streams.add(holder, (reason) => {
        ended.push(`${i}:${reason}`);
        releases[i]!();
      }),
    );
    expect(streams.size).toBe(4);
    expect(streams.keys().sort()).toEqual(['key:k-bot', 'user:u-alice', 'user:u-bob']);
    expect(streams.keys('acct-1').sort()).toEqual(['key:k-bot', 'user:u-alice']);

    expect(streams.end('user:u-alice', 'member_removed')).toBe(2);
    expect(ended).toEqual(['0:member_removed', '1:member_removed']);
    expect(streams.holder('user:u-alice')).toBeUndefined();
    expect(streams.holder('key:k-bot')).toEqual(bot);
    expect(streams.size).toBe(2);
    expect(streams.end('user:u-alice', 'member_removed')).toBe(0);
  });

  it('releases once however often it is called, and leaves no empty entry behind', () => {
    const streams = new OpenStreams();
    const release = streams.add(alice, () => undefined);
    release();
    release();
    expect(streams.size).toBe(0);
    expect(streams.keys()).toEqual([]);
  });

  it('spares streams registered after the given sequence', () => {
    const streams = new OpenStreams();
    const ended: string[] = [];
    streams.add(alice, () => ended.push('older'));
    const checkedAt = streams.sequence;
    streams.add(alice, () => ended.push('newer'));
    expect(streams.end('user:u-alice', 'role_not_allowed', checkedAt)).toBe(1);
    expect(ended).toEqual(['older']);
  });
});
