import type { Assessment, AssessmentStatus, EscalationQueueItem, Handoff, PersonRef } from '@resolutionflow/contracts';

import { timeAgo } from '../../shared/format/time-ago';

/** What the pick-up screen knows about a session's open escalation. */
export interface PickupContext {
  readonly sessionId: string;
  /** Null for an escalation requested before handoffs existed (picked up through the legacy path). */
  readonly handoffId: string | null;
  readonly reason: string | null;
  readonly escalatedBy: PersonRef;
  readonly createdAt: string;
  readonly claimedBy: PersonRef | null;
  readonly claimedAt: string | null;
  readonly assessmentStatus: AssessmentStatus;
  /** Only known once this person has claimed it, or when it arrived live. */
  readonly assessment: Assessment | null;
}

export function contextFromHandoff(handoff: Handoff): PickupContext {
  return {
    sessionId: handoff.sessionId,
    handoffId: handoff.id,
    reason: handoff.reason,
    escalatedBy: handoff.escalatedBy,
    createdAt: handoff.createdAt,
    claimedBy: handoff.claimedBy,
    claimedAt: handoff.claimedAt,
    assessmentStatus: handoff.assessmentStatus,
    assessment: handoff.assessment,
  };
}

export function contextFromQueueItem(item: EscalationQueueItem): PickupContext {
  return {
    sessionId: item.sessionId,
    handoffId: item.handoffId,
    reason: item.reason,
    escalatedBy: item.escalatedBy,
    createdAt: item.createdAt,
    claimedBy: item.claimedBy,
    claimedAt: item.claimedAt,
    assessmentStatus: item.assessmentStatus,
    assessment: null,
  };
}

/** "Already claimed by Sam Senior 2 minutes ago." — what someone who lost the race is told. */
export function alreadyClaimedMessage(name: string | null | undefined, claimedAt: string | null | undefined, now: Date = new Date()): string {
  const when = timeAgo(claimedAt, now);
  return `Already claimed by ${name?.trim() || 'a teammate'}${when ? ` ${when}` : ''}.`;
}
