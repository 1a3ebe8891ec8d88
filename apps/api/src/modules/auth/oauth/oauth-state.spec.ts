import { decodeOAuthState, encodeOAuthState, newOAuthState } from './oauth-state.js';

describe('OAuth state', () => {
  it('round-trips base64url JSON with a fresh csrf value each time', () => {
    const state = newOAuthState({ accountInviteCode: 'invite-code-1', invitedEmail: 'ivy@example.test' });
    const encoded = encodeOAuthState(state);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'))).toEqual(state);
    expect(decodeOAuthState(encoded)).toEqual(state);
    expect(newOAuthState({}).csrf).not.toBe(state.csrf);
  });

  it.each([
    ['missing', undefined],
    ['repeated', ['a', 'b']],
    ['not base64url JSON', '%%%'],
    ['JSON without csrf', Buffer.from('{"accountInviteCode":"x"}').toString('base64url')],
    ['a csrf too short to be ours', Buffer.from('{"csrf":"short"}').toString('base64url')],
    ['JSON that is not an object', Buffer.from('"text"').toString('base64url')],
  ])('rejects a state that is %s', (_label, value) => {
    expect(decodeOAuthState(value)).toBeNull();
  });
});
