import { z } from 'zod';
import { roleSchema } from './auth.js';
import { confidenceTierSchema, escalationPackageSchema, sessionStatusSchema } from './sessions.js';

export const handoffIntentSchema = z.enum(['escalate', 'park']);
export type HandoffIntent = z.infer<typeof handoffIntentSchema>;

export const assessmentStatusSchema = z.enum(['pending', 'ready', 'unavailable', 'not_applicable']);
export type AssessmentStatus = z.infer<typeof assessmentStatusSchema>;

/** Why an escalation nobody claimed stopped waiting: its session was resolved first. */
export const handoffClosedReasonSchema = z.enum(['session_resolved']);
export type HandoffClosedReason = z.infer<typeof handoffClosedReasonSchema>;

export const handoffParamsSchema = z.object({
  id: z.uuid({ message: 'must be a UUID' }),
  handoffId: z.uuid({ message: 'must be a UUID' }),
});

export const createHandoffRequestSchema = z.object({
  intent: handoffIntentSchema,
  reason: z.string().trim().min(1, 'is required').max(4000),
  targetUserId: z.uuid().optional(),
  /** Escalate even though fixes still wait for an outcome (they travel as open in the package). */
  acknowledgeOpenFixes: z.boolean().optional().default(false),
});
export type CreateHandoffRequest = z.input<typeof createHandoffRequestSchema>;

export const escalateRequestSchema = z.object({
  reason: z.string().trim().min(1, 'is required').max(4000),
  targetUserId: z.uuid().optional(),
  acknowledgeOpenFixes: z.boolean().optional().default(false),
});
export type EscalateRequest = z.input<typeof escalateRequestSchema>;

export const personRefSchema = z.object({ id: z.uuid(), name: z.string() });
export type PersonRef = z.infer<typeof personRefSchema>;

export const assessmentSchema = z.object({
  summary: z.string(),
  likelyCause: z.string(),
  suggestedSteps: z.array(z.string()),
  confidenceTier: confidenceTierSchema,
  generatedAt: z.string(),
});
export type Assessment = z.infer<typeof assessmentSchema>;

export const handoffSchema = z.object({
  id: z.uuid(),
  sessionId: z.uuid(),
  intent: handoffIntentSchema,
  reason: z.string(),
  targetUserId: z.uuid().nullable(),
  escalatedBy: personRefSchema,
  claimedBy: personRefSchema.nullable(),
  claimedAt: z.string().nullable(),
  assessmentStatus: assessmentStatusSchema,
  assessment: assessmentSchema.nullable(),
  /** Set when the escalation stopped waiting before anyone claimed it; it can no longer be claimed. */
  closedAt: z.string().nullable(),
  closedReason: handoffClosedReasonSchema.nullable(),
  createdAt: z.string(),
});
export type Handoff = z.infer<typeof handoffSchema>;

/** What the `/escalate` compatibility path answers. */
export const escalateResultSchema = z.object({
  handoff: handoffSchema,
  documentation: escalationPackageSchema,
  psa: z.object({ status: z.string() }).passthrough(),
});

/** One card of the escalation queue. */
export const escalationQueueItemSchema = z.object({
  sessionId: z.uuid(),
  /** Null for an escalation requested before handoffs existed; pick it up with `POST /ai-sessions/{id}/pickup`. */
  handoffId: z.uuid().nullable(),
  status: sessionStatusSchema,
  problemSummary: z.string(),
  reason: z.string().nullable(),
  psaTicketId: z.string().nullable(),
  stepCount: z.number().int(),
  confidenceTier: confidenceTierSchema.nullable(),
  escalatedBy: personRefSchema,
  targetUserId: z.uuid().nullable(),
  claimedBy: personRefSchema.nullable(),
  claimedAt: z.string().nullable(),
  assessmentStatus: assessmentStatusSchema,
  createdAt: z.string(),
});
export type EscalationQueueItem = z.infer<typeof escalationQueueItemSchema>;
export const escalationQueueSchema = z.object({ items: z.array(escalationQueueItemSchema) });

/**
 * A teammate an escalation can be sent to (`targetUserId`): an active engineer, admin or owner of
 * the caller's account other than the caller. Everyone who takes escalations is still told; the
 * target is who the escalator hopes picks it up.
 */
export const escalationTargetSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  role: roleSchema.exclude(['viewer']),
});
export type EscalationTarget = z.infer<typeof escalationTargetSchema>;
/** `GET /ai-sessions/escalation-targets`: ordered by name. */
export const escalationTargetListSchema = z.object({ items: z.array(escalationTargetSchema) });
export type EscalationTargetList = z.infer<typeof escalationTargetListSchema>;

/** `handoff_already_claimed` details. */
export const alreadyClaimedDetailsSchema = z.object({ claimedBy: personRefSchema, claimedAt: z.string() });

/**
 * `handoff_closed` details: why the escalation can no longer be claimed. `reason` and `closedAt`
 * are null for an escalation whose session stopped waiting without it being closed (older data).
 */
export const handoffClosedDetailsSchema = z.object({ reason: handoffClosedReasonSchema.nullable(), closedAt: z.string().nullable() });
export type HandoffClosedDetails = z.infer<typeof handoffClosedDetailsSchema>;

// Live stream event payloads (`GET /ai-sessions/escalations/stream`).
export type HandoffCreatedEvent = EscalationQueueItem;
export interface HandoffClaimedEvent {
  handoffId: string;
  sessionId: string;
  claimedBy: PersonRef;
  claimedAt: string;
}
export interface HandoffAssessmentReadyEvent {
  handoffId: string;
  sessionId: string;
  assessmentStatus: 'ready' | 'unavailable';
  assessment: Assessment | null;
}
/** An escalation nobody claimed stopped waiting (its session was resolved): queues drop its card. */
export interface HandoffClosedEvent {
  handoffId: string;
  sessionId: string;
  reason: HandoffClosedReason;
  closedAt: string;
}
export const LIVE_EVENT_TYPES = ['handoff_created', 'handoff_claimed', 'handoff_assessment_ready', 'handoff_closed', 'notification_created'] as const;
export type LiveEventType = (typeof LIVE_EVENT_TYPES)[number];

/**
 * The stream's last event, without an id, when its caller loses access while connected: the
 * member was removed, their role may no longer stream, the API key was revoked, or the
 * subscription lapsed. Reconnecting would be refused too (401, 403 or 402).
 */
export const STREAM_ACCESS_REVOKED = 'access_revoked';
export type StreamRevocationReason = 'member_removed' | 'role_not_allowed' | 'api_key_revoked' | 'subscription_required';
export interface StreamAccessRevokedEvent {
  reason: StreamRevocationReason;
}
