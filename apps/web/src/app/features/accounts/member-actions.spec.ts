import type { Role } from '@resolutionflow/contracts';

import { resendAdvice, resendMailto } from './role-labels';
import { inviteActions, memberActions } from './member-actions';

const person = (id: string, role: Role) => ({ id, role });

describe('memberActions', () => {
  it('lets an owner change or remove anyone else, ownership included', () => {
    expect(memberActions(person('me', 'owner'), person('u2', 'owner'))).toEqual({
      canChangeRole: true,
      canRemove: true,
      assignableRoles: ['owner', 'admin', 'engineer', 'viewer'],
    });
  });

  it('keeps admins away from owners and from granting ownership', () => {
    expect(memberActions(person('me', 'admin'), person('u2', 'owner'))).toMatchObject({ canChangeRole: false, canRemove: false });
    expect(memberActions(person('me', 'admin'), person('u3', 'engineer'))).toEqual({
      canChangeRole: true,
      canRemove: true,
      assignableRoles: ['admin', 'engineer', 'viewer'],
    });
  });

  it('never offers changing or removing yourself', () => {
    expect(memberActions(person('me', 'owner'), person('me', 'owner'))).toMatchObject({ canChangeRole: false, canRemove: false });
  });

  it('offers nothing to engineers and viewers', () => {
    expect(memberActions(person('me', 'engineer'), person('u2', 'viewer'))).toMatchObject({ canChangeRole: false, canRemove: false });
  });
});

describe('inviteActions', () => {
  it.each([
    ['pending', true, true],
    ['expired', true, true],
    ['accepted', false, false],
    ['revoked', false, false],
  ] as const)('%s: resend %s, revoke %s', (status, canResend, canRevoke) => {
    expect(inviteActions({ status })).toEqual({ canResend, canRevoke });
  });
});

describe('resend advice for a dead invitation', () => {
  it('names the inviter when known', () => {
    expect(resendAdvice('Olivia Owner')).toBe('Ask Olivia Owner to resend the invitation.');
    expect(resendAdvice(null)).toBe('Ask the person who invited you to resend the invitation.');
  });

  it('prepares an email asking for a new invitation', () => {
    const link = new URL(resendMailto('Acme IT'));
    expect(link.protocol).toBe('mailto:');
    expect(link.searchParams.get('subject')).toBe('Please resend my ResolutionFlow invitation to Acme IT');
    expect(link.searchParams.get('body')).toContain('no longer works');
  });
});
