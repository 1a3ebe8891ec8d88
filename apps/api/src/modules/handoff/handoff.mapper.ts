import type { EscalationTarget, Handoff } from '@resolutionflow/contracts';
import type { Responder } from '../users/users.repository.js';
import type { HandoffRow } from './handoffs.repository.js';

export function toHandoff(row: HandoffRow): Handoff {
  return {
    id: row.id,
    sessionId: row.sessionId,
    intent: row.intent,
    reason: row.reason,
    targetUserId: row.targetUserId,
    escalatedBy: { id: row.createdBy, name: row.createdByName },
    claimedBy: row.claimedBy ? { id: row.claimedBy, name: row.claimedByName ?? '' } : null,
    claimedAt: row.claimedAt?.toISOString() ?? null,
    assessmentStatus: row.assessmentStatus,
    assessment: row.assessment,
    closedAt: row.closedAt?.toISOString() ?? null,
    closedReason: row.closedReason,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Name and role only: a teammate's email stays with the owners and admins who manage members. */
export function toEscalationTarget(responder: Responder): EscalationTarget {
  // `listResponders` selects engineers, admins and owners only.
  return { id: responder.id, name: responder.name, role: responder.role as EscalationTarget['role'] };
}
