import type { HandoffAssessmentReadyEvent, HandoffClaimedEvent, HandoffClosedEvent, HandoffCreatedEvent } from '@resolutionflow/contracts';

/** Live events this module emits through the outbox, with their payloads. */
export interface HandoffEventMap {
  handoff_created: HandoffCreatedEvent;
  handoff_claimed: HandoffClaimedEvent;
  handoff_assessment_ready: HandoffAssessmentReadyEvent;
  handoff_closed: HandoffClosedEvent;
}
export type HandoffEventType = keyof HandoffEventMap;

export const HANDOFF_ASSESSMENT_QUEUE = 'handoff.assessment';
export const HANDOFF_REALERT_QUEUE = 'handoff.realert';
