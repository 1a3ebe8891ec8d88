import type { InviteCode, InviteCodeStatus } from '@resolutionflow/contracts';
import type { PlatformInviteCodeEntity } from './platform-invite-code.entity.js';

export function inviteCodeStatus(code: PlatformInviteCodeEntity, now = new Date()): InviteCodeStatus {
  if (code.revokedAt) return 'revoked';
  if (code.expiresAt && code.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (code.useCount >= code.maxUses) return 'used_up';
  return 'active';
}

export function mapInviteCode(code: PlatformInviteCodeEntity): InviteCode {
  return {
    id: code.id,
    code: code.code,
    note: code.note,
    maxUses: code.maxUses,
    useCount: code.useCount,
    status: inviteCodeStatus(code),
    expiresAt: code.expiresAt?.toISOString() ?? null,
    revokedAt: code.revokedAt?.toISOString() ?? null,
    createdBy: code.createdBy,
    createdAt: code.createdAt.toISOString(),
  };
}
