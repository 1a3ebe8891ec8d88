import type { SessionDetail, SessionStep, SessionSummary, SuggestedFix } from '@resolutionflow/contracts';
import type { AiSessionEntity } from './ai-session.entity.js';
import type { SessionStepEntity } from './session-step.entity.js';
import type { SuggestedFixEntity } from './suggested-fix.entity.js';

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

export function mapSessionSummary(session: AiSessionEntity): SessionSummary {
  return {
    id: session.id,
    problemSummary: session.problemSummary,
    psaTicketId: session.psaTicketId,
    status: session.status,
    ownerId: session.ownerId,
    escalatedToId: session.escalatedToId,
    stateVersion: session.stateVersion,
    createdAt: session.createdAt.toISOString(),
    updatedAt: session.updatedAt.toISOString(),
  };
}

export function mapStep(step: SessionStepEntity): SessionStep {
  return {
    id: step.id,
    sessionId: step.sessionId,
    sequence: step.sequence,
    role: step.role,
    authorId: step.authorId,
    content: step.content,
    createdAt: step.createdAt.toISOString(),
  };
}

export function mapFix(fix: SuggestedFixEntity): SuggestedFix {
  return {
    id: fix.id,
    sessionId: fix.sessionId,
    title: fix.title,
    description: fix.description,
    status: fix.status,
    source: fix.source,
    pendingReason: fix.pendingReason,
    notes: fix.notes,
    draftScript: fix.draftScript,
    draftParameters: fix.draftParameters,
    appliedAt: iso(fix.appliedAt),
    verifiedAt: iso(fix.verifiedAt),
    createdBy: fix.createdBy,
    createdAt: fix.createdAt.toISOString(),
    updatedAt: fix.updatedAt.toISOString(),
  };
}

export function mapSessionDetail(session: AiSessionEntity, steps: SessionStepEntity[], fixes: SuggestedFixEntity[]): SessionDetail {
  return {
    ...mapSessionSummary(session),
    escalationReason: session.escalationReason,
    escalationPackage: session.escalationPackage,
    resolutionNote: session.resolutionNote,
    confidenceTier: session.confidenceTier,
    resolvedAt: iso(session.resolvedAt),
    steps: steps.map(mapStep),
    fixes: fixes.map(mapFix),
  };
}
