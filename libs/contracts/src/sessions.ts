import { z } from 'zod';
import { pageOf } from './pagination.js';
import { psaTicketIdSchema, psaTicketSchema } from './psa.js';

// Sessions (FlowPilot): an engineer's troubleshooting conversation with the assistant.

/** `requesting_escalation` is the legacy in-flight escalation status; new escalations use `escalated`. */
export const sessionStatusSchema = z.enum(['active', 'requesting_escalation', 'escalated', 'parked', 'resolved']);
export type SessionStatus = z.infer<typeof sessionStatusSchema>;

/** The statuses in which every engineer of the account may read the session (it is waiting for help). */
export const ESCALATION_STATUSES = ['requesting_escalation', 'escalated'] as const satisfies readonly SessionStatus[];

export const confidenceTierSchema = z.enum(['low', 'medium', 'high']);
export type ConfidenceTier = z.infer<typeof confidenceTierSchema>;


export const sessionFixParamsSchema = z.object({
  id: z.uuid({ message: 'must be a UUID' }),
  fixId: z.uuid({ message: 'must be a UUID' }),
});
export type SessionFixParams = z.infer<typeof sessionFixParamsSchema>;

export const createSessionRequestSchema = z.object({
  problemSummary: z.string().trim().min(1, 'is required').max(2000),
  psaTicketId: psaTicketIdSchema.optional(),
});
export type CreateSessionRequest = z.input<typeof createSessionRequestSchema>;

/** A session as the sidebar lists it. */
export const sessionSummarySchema = z.object({
  id: z.uuid(),
  problemSummary: z.string(),
  psaTicketId: z.string().nullable(),
  status: sessionStatusSchema,
  ownerId: z.uuid(),
  /** The escalation target, then the engineer who claimed it. */
  escalatedToId: z.uuid().nullable(),
  stateVersion: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SessionSummary = z.infer<typeof sessionSummarySchema>;
export const sessionSummaryPageSchema = pageOf(sessionSummarySchema);

export const stepRoleSchema = z.enum(['engineer', 'assistant', 'system']);
export type StepRole = z.infer<typeof stepRoleSchema>;

/** One message of the session's conversation. */
export const sessionStepSchema = z.object({
  id: z.uuid(),
  sessionId: z.uuid(),
  sequence: z.number().int(),
  role: stepRoleSchema,
  /** The engineer who wrote it (owner or claimer); null for the assistant and the system. */
  authorId: z.uuid().nullable(),
  content: z.string(),
  createdAt: z.string(),
});
export type SessionStep = z.infer<typeof sessionStepSchema>;

// Suggested fixes

export const fixStatusSchema = z.enum([
  'proposed',
  'verifying',
  'applied_success',
  'applied_failed',
  'applied_partial',
  'applied_pending',
  'dismissed',
]);
export type FixStatus = z.infer<typeof fixStatusSchema>;

/** What an engineer can record about a fix: every status but `proposed`, which only creation sets. */
export const fixOutcomeSchema = fixStatusSchema.exclude(['proposed']);
export type FixOutcome = z.infer<typeof fixOutcomeSchema>;

export const fixSourceSchema = z.enum(['engineer', 'assistant']);
export type FixSource = z.infer<typeof fixSourceSchema>;

export const suggestedFixSchema = z.object({
  id: z.uuid(),
  sessionId: z.uuid(),
  title: z.string(),
  description: z.string(),
  status: fixStatusSchema,
  source: fixSourceSchema,
  /** What the engineer is waiting on before they can verify (`applied_pending`). */
  pendingReason: z.string().nullable(),
  /** What worked and what did not (`applied_partial`), or any note on the outcome. */
  notes: z.string().nullable(),
  draftScript: z.string().nullable(),
  draftParameters: z.record(z.string(), z.unknown()).nullable(),
  appliedAt: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  createdBy: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SuggestedFix = z.infer<typeof suggestedFixSchema>;

export const createFixRequestSchema = z.object({
  title: z.string().trim().min(1, 'is required').max(200),
  description: z.string().trim().min(1, 'is required').max(5000),
});
export type CreateFixRequest = z.input<typeof createFixRequestSchema>;

const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/** `reason` is required for `applied_pending`, `notes` for `applied_partial`. */
export const recordFixOutcomeRequestSchema = z
  .object({
    outcome: fixOutcomeSchema,
    reason: optionalText(2000),
    notes: optionalText(5000),
  })
  .superRefine((body, ctx) => {
    if (body.outcome === 'applied_pending' && !body.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is required: what are you waiting on before you can verify?' });
    }
    if (body.outcome === 'applied_partial' && !body.notes) {
      ctx.addIssue({ code: 'custom', path: ['notes'], message: 'is required: what worked and what did not?' });
    }
  });
export type RecordFixOutcomeRequest = z.input<typeof recordFixOutcomeRequestSchema>;

/** A created or changed fix, with the session's state version after the change (every change bumps it). */
export const fixChangeSchema = suggestedFixSchema.extend({ sessionStateVersion: z.number().int() });
export type FixChange = z.infer<typeof fixChangeSchema>;

const MAX_PARAMETER_DEPTH = 16;

/** How deeply `value` nests objects and arrays; iterative, so a hostile value cannot exhaust the stack. */
function nestingDepth(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > MAX_PARAMETER_DEPTH) return deepest;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return deepest;
}

export const draftScriptRequestSchema = z.object({
  script: z.string().max(100_000),
  // Script parameters are small JSON; a deep value would overflow serialisation before it reached the database.
  parameters: z
    .record(z.string(), z.unknown())
    .refine((v) => nestingDepth(v) <= MAX_PARAMETER_DEPTH, `must not nest deeper than ${MAX_PARAMETER_DEPTH} levels`)
    .default({}),
});
export type DraftScriptRequest = z.input<typeof draftScriptRequestSchema>;

// The session itself

export const escalationPackageSchema = z.object({
  problemSummary: z.string(),
  psaTicketId: z.string().nullable(),
  stepCount: z.number().int(),
  /** The fix most likely to be the answer, when one is applied and still waiting to be verified. */
  leadingHypothesis: z
    .object({ fixId: z.uuid(), title: z.string(), waitingOn: z.string().nullable(), status: fixStatusSchema })
    .nullable(),
  fixes: z.array(
    z.object({
      fixId: z.uuid(),
      title: z.string(),
      status: fixStatusSchema,
      pendingReason: z.string().nullable(),
      notes: z.string().nullable(),
    }),
  ),
  /** The written briefing for whoever picks the session up. */
  document: z.string(),
  generatedBy: z.enum(['anthropic', 'offline']),
  generatedAt: z.string(),
});
export type EscalationPackage = z.infer<typeof escalationPackageSchema>;

export const sessionDetailSchema = sessionSummarySchema.extend({
  escalationReason: z.string().nullable(),
  escalationPackage: escalationPackageSchema.nullable(),
  resolutionNote: z.string().nullable(),
  confidenceTier: confidenceTierSchema.nullable(),
  resolvedAt: z.string().nullable(),
  steps: z.array(sessionStepSchema),
  fixes: z.array(suggestedFixSchema),
});
export type SessionDetail = z.infer<typeof sessionDetailSchema>;

// Chat

export const postMessageRequestSchema = z.object({ content: z.string().trim().min(1, 'is required').max(20_000) });
export type PostMessageRequest = z.input<typeof postMessageRequestSchema>;

/** The JSON answer to a message: both stored steps, any fixes the assistant proposed. */
export const chatExchangeSchema = z.object({
  userMessage: sessionStepSchema,
  assistantMessage: sessionStepSchema,
  proposedFixes: z.array(suggestedFixSchema),
  stateVersion: z.number().int(),
});
export type ChatExchange = z.infer<typeof chatExchangeSchema>;

/** SSE events of `POST /ai-sessions/{id}/messages` with `Accept: text/event-stream`. */
export const chatDeltaEventSchema = z.object({ text: z.string() });
export type ChatDeltaEvent = z.infer<typeof chatDeltaEventSchema>;
export const chatDoneEventSchema = z.object({
  userMessageId: z.uuid(),
  assistantMessageId: z.uuid(),
  proposedFixIds: z.array(z.uuid()),
  stateVersion: z.number().int(),
});
export type ChatDoneEvent = z.infer<typeof chatDoneEventSchema>;
/** Sent instead of `done` when the assistant failed; the body is the usual error envelope. */
export type ChatStreamEvent =
  | { event: 'delta'; data: ChatDeltaEvent }
  | { event: 'done'; data: ChatDoneEvent }
  | { event: 'error'; data: { statusCode: number; error: string; message: string; details?: Record<string, unknown> } };

// Resolve, park

export const resolveSessionRequestSchema = z.object({
  /** The engineer's own closing words; the assistant folds them into the resolution note. */
  note: optionalText(5000),
});
export type ResolveSessionRequest = z.input<typeof resolveSessionRequestSchema>;

/**
 * What happened to the PSA side of an action; a PSA failure never fails the action itself.
 * `queued`: the note is a durable job (its delivery record tracks it); `not_linked`: no ticket;
 * `not_connected`: a ticket number is linked but the account has no PSA connection; `failed`: see `message`.
 */
export const psaPushResultSchema = z.object({
  status: z.enum(['queued', 'not_linked', 'not_connected', 'failed']),
  ticketId: z.string().nullable(),
  message: z.string().nullable(),
});
export type PsaPushResult = z.infer<typeof psaPushResultSchema>;

export const resolvedSessionSchema = z.object({ session: sessionDetailSchema, psa: psaPushResultSchema });
export type ResolvedSession = z.infer<typeof resolvedSessionSchema>;

// PSA ticket link

export const linkPsaTicketRequestSchema = z.object({ ticketId: psaTicketIdSchema });
export type LinkPsaTicketRequest = z.input<typeof linkPsaTicketRequestSchema>;

/**
 * A session's ticket link. `verified` says the PSA confirmed the ticket exists (or created it); a
 * number is stored unverified when the account has no PSA connection or the PSA could not be reached.
 */
export const psaTicketLinkSchema = z.object({
  session: sessionSummarySchema,
  ticketId: z.string(),
  /** The ticket as the PSA has it, when it was read (linking an existing ticket with a connection). */
  ticket: psaTicketSchema.nullable(),
  verified: z.boolean(),
});
export type PsaTicketLink = z.infer<typeof psaTicketLinkSchema>;
