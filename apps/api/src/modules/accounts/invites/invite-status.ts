import type { InviteStatus } from '@resolutionflow/contracts';
import type { AccountInviteEntity } from './account-invite.entity.js';

/** Accepted and revoked are final; an open invite past its date is expired until it is resent. */
export function inviteStatus(invite: Pick<AccountInviteEntity, 'usedAt' | 'revokedAt' | 'expiresAt'>, now = new Date()): InviteStatus {
  if (invite.usedAt) return 'accepted';
  if (invite.revokedAt) return 'revoked';
  if (invite.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'pending';
}
