import { Injectable } from '@nestjs/common';
import type { EscalationPackage, SessionDetail, SuggestedFix } from '@resolutionflow/contracts';
import type { AiAssessment, AiCallOptions } from '../ai/ai-provider.js';
import { AiService, type AiDocument } from '../ai/ai.service.js';
import { sessionFacts } from './session-facts.mapper.js';

const LEAD_ORDER: SuggestedFix['status'][] = ['applied_pending', 'verifying', 'applied_partial'];

/**
 * The fix to check first: one applied and waiting to be verified, else one being verified, else one
 * that partly worked — the most recently touched of the first kind present.
 */
export function leadingHypothesis(fixes: SuggestedFix[]): SuggestedFix | null {
  for (const status of LEAD_ORDER) {
    const candidates = fixes.filter((f) => f.status === status).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    if (candidates[0]) return candidates[0];
  }
  return null;
}

/** The assistant's documents about a session: resolution note, escalation package, assessment. */
@Injectable()
export class SessionDocumentsService {
  constructor(private readonly ai: AiService) {}

  /** Pending fixes in `session` are still pending here, so the note frames them as provisional. */
  resolutionNote(session: SessionDetail, engineerNote: string | null): Promise<AiDocument> {
    return this.ai.document({ kind: 'resolution_note', facts: sessionFacts(session), engineerNote });
  }

  async escalationPackage(session: SessionDetail, reason: string | null, options?: AiCallOptions): Promise<EscalationPackage> {
    const facts = { ...sessionFacts(session), escalationReason: reason ?? session.escalationReason };
    const document = await this.ai.document({ kind: 'escalation_package', facts, engineerNote: reason ?? session.escalationReason }, options);
    const lead = leadingHypothesis(session.fixes);
    return {
      problemSummary: session.problemSummary,
      psaTicketId: session.psaTicketId,
      stepCount: session.steps.length,
      leadingHypothesis: lead && {
        fixId: lead.id,
        title: lead.title,
        status: lead.status,
        waitingOn: lead.status === 'applied_pending' ? lead.pendingReason : null,
      },
      fixes: session.fixes.map((f) => ({ fixId: f.id, title: f.title, status: f.status, pendingReason: f.pendingReason, notes: f.notes })),
      document: document.text,
      generatedBy: document.generatedBy,
      generatedAt: new Date().toISOString(),
    };
  }

  assess(session: SessionDetail, options?: AiCallOptions): Promise<AiAssessment> {
    return this.ai.assess(sessionFacts(session), options);
  }
}
