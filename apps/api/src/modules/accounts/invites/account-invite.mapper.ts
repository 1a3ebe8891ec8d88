import type { AccountInvite, InviteLookup, IssuedInvite } from '@resolutionflow/contracts';
import type { AccountInviteEntity } from './account-invite.entity.js';
import type { OpenInvite } from './account-invites.repository.js';
import { inviteStatus } from './invite-status.js';

export function mapInvite(invite: AccountInviteEntity): AccountInvite {
  return {
    id: invite.id,
    email: invite.email,
    role: invite.role,
    status: inviteStatus(invite),
    invitedBy: invite.invitedBy,
    expiresAt: invite.expiresAt.toISOString(),
    lastSentAt: invite.lastSentAt?.toISOString() ?? null,
    acceptedAt: invite.usedAt?.toISOString() ?? null,
    revokedAt: invite.revokedAt?.toISOString() ?? null,
    createdAt: invite.createdAt.toISOString(),
  };
}

export function mapIssuedInvite(invite: AccountInviteEntity, inviteUrl: string): IssuedInvite {
  return { ...mapInvite(invite), inviteUrl };
}

export function mapInviteLookup(invite: OpenInvite): InviteLookup {
  return {
    accountName: invite.accountName,
    inviterName: invite.inviterName,
    invitedEmail: invite.email,
    role: invite.role,
  };
}
