import type { Handoff } from '@resolutionflow/contracts';
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
    createdAt: row.createdAt.toISOString(),
  };
}
