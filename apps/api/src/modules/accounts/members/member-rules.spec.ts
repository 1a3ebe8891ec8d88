import type { Principal } from '../../../core/auth/principal.js';
import { assertMayTouchOwnership, assertNotSelf, assertOwnerRemains } from './member-rules.js';

function principal(overrides: Partial<Principal>): Principal {
  return {
    kind: 'user',
    userId: 'u-actor',
    apiKeyId: null,
    accountId: 'a-1',
    role: 'admin',
    superAdmin: false,
    emailVerified: true,
    createdAt: new Date(),
    name: 'Actor',
    email: 'actor@example.test',
    ...overrides,
  };
}

const codeOf = (work: () => void) => {
  try {
    work();
    return null;
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe('member rules', () => {
  it('lets only owners grant or take away ownership', () => {
    const admin = principal({ role: 'admin' });
    const owner = principal({ role: 'owner' });
    expect(codeOf(() => assertMayTouchOwnership(admin, 'engineer', 'owner'))).toBe('forbidden');
    expect(codeOf(() => assertMayTouchOwnership(admin, 'owner', 'admin'))).toBe('forbidden');
    expect(codeOf(() => assertMayTouchOwnership(admin, 'owner'))).toBe('forbidden');
    expect(codeOf(() => assertMayTouchOwnership(admin, 'engineer', 'viewer'))).toBeNull();
    expect(codeOf(() => assertMayTouchOwnership(owner, 'owner', 'admin'))).toBeNull();
    expect(codeOf(() => assertMayTouchOwnership(owner, 'viewer', 'owner'))).toBeNull();
  });

  it('refuses a change of your own role, but not one made by an API key its creator holds', () => {
    expect(codeOf(() => assertNotSelf(principal({ userId: 'u-1' }), 'u-1'))).toBe('cannot_change_own_role');
    expect(codeOf(() => assertNotSelf(principal({ userId: 'u-1' }), 'u-2'))).toBeNull();
    expect(codeOf(() => assertNotSelf(principal({ kind: 'api_key', userId: 'u-1', apiKeyId: 'k-1' }), 'u-1'))).toBeNull();
  });

  it('keeps at least one active owner', () => {
    expect(codeOf(() => assertOwnerRemains(['u-1'], 'u-1'))).toBe('last_owner');
    expect(codeOf(() => assertOwnerRemains([], 'u-1'))).toBe('last_owner');
    expect(codeOf(() => assertOwnerRemains(['u-1', 'u-2'], 'u-1'))).toBeNull();
  });
});
