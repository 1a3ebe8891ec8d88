import { Injectable } from '@nestjs/common';
import type { SessionDetail } from '@resolutionflow/contracts';
import type { Principal } from '../../core/auth/principal.js';
import { AppError } from '../../core/errors/app-error.js';
import type { AiSessionEntity } from './ai-session.entity.js';
import { AiSessionsRepository } from './ai-sessions.repository.js';
import { canRead, canWork, isOwner } from './session-access.js';
import { notOwnerOrClaimer, sessionNotFound, sessionResolved } from './session-errors.js';
import { SessionStepsRepository } from './session-steps.repository.js';
import { mapSessionDetail } from './sessions.mapper.js';
import { SuggestedFixesRepository } from './suggested-fixes.repository.js';

export interface LookupOptions {
  /** Lock the row until the transaction ends: for every change to the session or its fixes. */
  lock?: boolean;
}

/**
 * Finds sessions for a caller and applies who-may-do-what. A session the caller may not read is
 * a 404 whether it exists or not, in this account or another; one they may read but not work is a 403.
 */
@Injectable()
export class SessionLookup {
  constructor(
    private readonly sessions: AiSessionsRepository,
    private readonly steps: SessionStepsRepository,
    private readonly fixes: SuggestedFixesRepository,
  ) {}

  async readable(principal: Principal, id: string, options: LookupOptions = {}): Promise<AiSessionEntity> {
    const session = options.lock ? await this.sessions.lockById(id) : await this.sessions.findById(id);
    if (!session || !canRead(session, principal)) throw sessionNotFound();
    return session;
  }

  /** For the owner and the claimer; a resolved session takes no more work. */
  async workable(principal: Principal, id: string, options: LookupOptions = {}): Promise<AiSessionEntity> {
    const session = await this.readable(principal, id, options);
    if (!canWork(session, principal)) throw notOwnerOrClaimer();
    if (session.status === 'resolved') throw sessionResolved();
    return session;
  }

  async owned(principal: Principal, id: string, options: LookupOptions = {}): Promise<AiSessionEntity> {
    const session = await this.readable(principal, id, options);
    if (!isOwner(session, principal) || principal.role === 'viewer') {
      throw AppError.forbidden("Only the session's owner can do this");
    }
    return session;
  }

  async detailOf(session: AiSessionEntity): Promise<SessionDetail> {
    const [steps, fixes] = await Promise.all([this.steps.listBySession(session.id), this.fixes.listBySession(session.id)]);
    return mapSessionDetail(session, steps, fixes);
  }
}
