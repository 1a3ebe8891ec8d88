import type { ConfidenceTier, FixStatus, StepRole } from '@resolutionflow/contracts';

/** What the assistant knows about a session: only its own record, nothing from other sessions or accounts. */
export interface AiSessionFacts {
  problemSummary: string;
  psaTicketId: string | null;
  status: string;
  escalationReason: string | null;
  steps: { role: StepRole; content: string; createdAt: Date }[];
  fixes: AiFixFacts[];
}

export interface AiFixFacts {
  title: string;
  description: string;
  status: FixStatus;
  pendingReason: string | null;
  notes: string | null;
  hasDraftScript: boolean;
}

export interface AiChatRequest {
  facts: AiSessionFacts;
  /** The engineer's new message; `facts.steps` holds the conversation before it. */
  message: string;
}

/** A fix the assistant suggests trying; stored as a `proposed` fix, exactly as one an engineer records. */
export interface ProposedFix {
  title: string;
  description: string;
}

export interface AiReplyResult {
  text: string;
  proposedFixes: ProposedFix[];
}

/** Yields the reply's text as it arrives; its return value is the complete reply. */
export type AiReplyStream = AsyncGenerator<string, AiReplyResult, void>;

export type AiDocumentKind = 'resolution_note' | 'escalation_package';

export interface AiDocumentRequest {
  kind: AiDocumentKind;
  facts: AiSessionFacts;
  /** Resolution: the engineer's own closing words. Escalation: the reason for escalating. */
  engineerNote: string | null;
}

export interface AiAssessment {
  summary: string;
  likelyCause: string;
  suggestedSteps: string[];
  confidenceTier: ConfidenceTier;
}

export interface AiCallOptions {
  /** Aborts the call; the provider answers with AiTimeoutError when it was the deadline. */
  signal?: AbortSignal;
}

export interface AiProvider {
  readonly name: 'anthropic' | 'offline';
  reply(request: AiChatRequest, options?: AiCallOptions): AiReplyStream;
  document(request: AiDocumentRequest, options?: AiCallOptions): Promise<string>;
  assess(facts: AiSessionFacts, options?: AiCallOptions): Promise<AiAssessment>;
}

/** The provider did not answer within the deadline. */
export class AiTimeoutError extends Error {
  constructor(message = 'The assistant did not answer in time') {
    super(message);
    this.name = 'AiTimeoutError';
  }
}

/** The provider answered with an error, or with something unusable. */
export class AiUnavailableError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AiUnavailableError';
  }
}
