import type { SessionDetail, SuggestedFix } from '@resolutionflow/contracts';
import type { AiFixFacts, AiSessionFacts } from '../ai/ai-provider.js';

export function fixFacts(fix: SuggestedFix): AiFixFacts {
  return {
    title: fix.title,
    description: fix.description,
    status: fix.status,
    pendingReason: fix.pendingReason,
    notes: fix.notes,
    hasDraftScript: fix.draftScript !== null,
  };
}

/** The session record handed to the assistant: this session's own facts and nothing else. */
export function sessionFacts(session: SessionDetail): AiSessionFacts {
  return {
    problemSummary: session.problemSummary,
    psaTicketId: session.psaTicketId,
    status: session.status,
    escalationReason: session.escalationReason,
    steps: session.steps.map((s) => ({ role: s.role, content: s.content, createdAt: new Date(s.createdAt) })),
    fixes: session.fixes.map(fixFacts),
  };
}
