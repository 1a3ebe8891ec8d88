import { inviteStatus } from './invite-status.js';

describe('inviteStatus', () => {
  const now = new Date('2030-01-10T12:00:00Z');
  const future = new Date('2030-01-17T12:00:00Z');
  const past = new Date('2030-01-09T12:00:00Z');

  it('is pending while open and before its expiry', () => {
    expect(inviteStatus({ usedAt: null, revokedAt: null, expiresAt: future }, now)).toBe('pending');
  });

  it('expires at its expiry instant', () => {
    expect(inviteStatus({ usedAt: null, revokedAt: null, expiresAt: now }, now)).toBe('expired');
    expect(inviteStatus({ usedAt: null, revokedAt: null, expiresAt: past }, now)).toBe('expired');
  });

  it('keeps accepted and revoked final, whatever the date', () => {
    expect(inviteStatus({ usedAt: past, revokedAt: null, expiresAt: past }, now)).toBe('accepted');
    expect(inviteStatus({ usedAt: null, revokedAt: past, expiresAt: past }, now)).toBe('revoked');
    expect(inviteStatus({ usedAt: null, revokedAt: past, expiresAt: future }, now)).toBe('revoked');
  });
});
