import { Injectable } from '@nestjs/common';
import type { CreateFixRequest, DraftScriptRequest, FixChange, FixSource, RecordFixOutcomeRequest, SuggestedFix } from '@resolutionflow/contracts';
import type { Principal } from '../../core/auth/principal.js';
import { AppError } from '../../core/errors/app-error.js';
import { AiSessionsRepository } from './ai-sessions.repository.js';
import { decideOutcome, isTerminal, OPEN_OUTCOME_STATUSES, type OutcomeRejection } from './fix-transitions.js';
import { fixNotFound } from './session-errors.js';
import { SessionLookup } from './session-lookup.js';
import { mapFix } from './sessions.mapper.js';
import type { SuggestedFixEntity } from './suggested-fix.entity.js';
import { SuggestedFixesRepository } from './suggested-fixes.repository.js';

const fixTerminal = (fix: SuggestedFixEntity) =>
  new AppError(409, 'fix_terminal', `This fix is ${fix.status}; its outcome can no longer change`, { status: fix.status });

function rejectionError(rejection: OutcomeRejection): AppError {
  switch (rejection.kind) {
    case 'terminal':
      return new AppError(409, 'fix_terminal', `This fix is ${rejection.from}; its outcome can no longer change`, { status: rejection.from });
    case 'not_allowed':
      return new AppError(409, 'fix_transition_not_allowed', `A fix that is ${rejection.from} cannot go back to that outcome`, {
        status: rejection.from,
        allowed: rejection.allowed,
      });
    case 'missing':
      return new AppError(400, 'validation_failed', 'The request body is invalid', {
        fields: { [rejection.field]: [rejection.field === 'reason' ? 'is required for applied_pending' : 'is required for applied_partial'] },
      });
  }
}

/** Suggested fixes: recorded by hand or proposed by the assistant, then carried to an outcome. */
@Injectable()
export class FixesService {
  constructor(
    private readonly lookup: SessionLookup,
    private readonly sessions: AiSessionsRepository,
    private readonly fixes: SuggestedFixesRepository,
  ) {}

  async create(principal: Principal, sessionId: string, input: CreateFixRequest): Promise<FixChange> {
    await this.lookup.workable(principal, sessionId, { lock: true });
    const fix = await this.insert(sessionId, input, 'engineer', principal.userId);
    return { ...mapFix(fix), sessionStateVersion: await this.sessions.update(sessionId) };
  }

  /**
   * The one way a fix comes into being, for engineers and the assistant alike. The caller holds
   * the session's lock and bumps its version.
   */
  insert(sessionId: string, input: CreateFixRequest, source: FixSource, createdBy: string | null): Promise<SuggestedFixEntity> {
    return this.fixes.insert({ sessionId, title: input.title.trim(), description: input.description.trim(), source, createdBy });
  }

  async recordOutcome(principal: Principal, sessionId: string, fixId: string, input: RecordFixOutcomeRequest): Promise<FixChange> {
    await this.lookup.workable(principal, sessionId, { lock: true });
    const fix = await this.requireFix(sessionId, fixId);
    const decision = decideOutcome(fix, { outcome: input.outcome, reason: input.reason, notes: input.notes }, new Date());
    if (!decision.ok) throw rejectionError(decision.rejection);
    const updated = await this.fixes.update(fix.id, decision.next);
    return { ...mapFix(updated), sessionStateVersion: await this.sessions.update(sessionId) };
  }

  /** Stores the script the assistant drafted for a fix. A draft is not an application: `appliedAt` stays as it is. */
  async saveDraftScript(principal: Principal, sessionId: string, fixId: string, input: DraftScriptRequest): Promise<FixChange> {
    await this.lookup.workable(principal, sessionId, { lock: true });
    const fix = await this.requireFix(sessionId, fixId);
    if (isTerminal(fix.status)) throw fixTerminal(fix);
    if (!input.script.trim()) throw new AppError(422, 'script_empty', 'The draft script is empty');
    const updated = await this.fixes.update(fix.id, { draftScript: input.script, draftParameters: input.parameters ?? {} });
    return { ...mapFix(updated), sessionStateVersion: await this.sessions.update(sessionId) };
  }

  /** Fixes whose outcome is still open (verifying, partial, pending): escalation asks about them. */
  async openOutcomes(sessionId: string): Promise<SuggestedFix[]> {
    return (await this.fixes.listBySession(sessionId, OPEN_OUTCOME_STATUSES)).map(mapFix);
  }

  /**
   * Resolving confirms what was waiting to be verified: each `applied_pending` fix becomes
   * `applied_success`, verified now. The caller holds the session's lock and bumps its version.
   */
  async settlePending(sessionId: string, now: Date): Promise<number> {
    const pending = await this.fixes.listBySession(sessionId, ['applied_pending']);
    for (const fix of pending) {
      const decision = decideOutcome(fix, { outcome: 'applied_success' }, now);
      if (!decision.ok) throw new Error(`A pending fix could not be settled: ${decision.rejection.kind}`);
      await this.fixes.update(fix.id, decision.next);
    }
    return pending.length;
  }

  private async requireFix(sessionId: string, fixId: string): Promise<SuggestedFixEntity> {
    const fix = await this.fixes.findInSession(sessionId, fixId);
    if (!fix) throw fixNotFound();
    return fix;
  }
}
