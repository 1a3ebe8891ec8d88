import type { AuditRecord } from '../../core/audit/audit.repository.js';
import type { Principal } from '../../core/auth/principal.js';

/** An audit entry for something `principal` did; an API key is named next to the user who created it. */
export function auditEntry(
  principal: Principal,
  action: string,
  target: { type: string; id: string },
  data: Record<string, unknown> = {},
): AuditRecord {
  return {
    actorUserId: principal.userId,
    action,
    targetType: target.type,
    targetId: target.id,
    data: principal.kind === 'api_key' ? { ...data, apiKeyId: principal.apiKeyId } : data,
  };
}
