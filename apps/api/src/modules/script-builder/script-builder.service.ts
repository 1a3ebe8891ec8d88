import { Injectable } from '@nestjs/common';
import type { CreateScriptBuilderSessionRequest, CursorQuery, Page, ScriptBuilderSession } from '@resolutionflow/contracts';
import type { Principal } from '../../core/auth/principal.js';
import { decodeCursor, mapPage } from '../../core/database/keyset-page.js';
import { AppError } from '../../core/errors/app-error.js';
import { EntitlementsService } from '../billing/entitlements.service.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { mapScriptBuilderSession } from './script-builder.mapper.js';
import { ScriptBuilderSessionsRepository } from './script-builder-sessions.repository.js';

function requireUser(principal: Principal): string {
  if (!principal.userId) throw AppError.forbidden('Script builder sessions belong to people; this API key has no user behind it');
  return principal.userId;
}

/**
 * Script builder sessions. Standalone ones live on the script builder page and count against the
 * plan's cap; inline ones belong to a FlowPilot session (one per user and session) and never count.
 */
@Injectable()
export class ScriptBuilderService {
  constructor(
    private readonly scripts: ScriptBuilderSessionsRepository,
    private readonly sessions: SessionsService,
    private readonly entitlements: EntitlementsService,
  ) {}

  async create(principal: Principal, input: CreateScriptBuilderSessionRequest): Promise<{ session: ScriptBuilderSession; created: boolean }> {
    const ownerId = requireUser(principal);
    if (input.origin === 'pilot_inline') {
      // Only the session's owner gets an inline builder; anything else is indistinguishable from a missing session.
      if (!input.aiSessionId || !(await this.sessions.isOwnedBy(input.aiSessionId, ownerId))) throw AppError.notFound('Session');
      const { session, created } = await this.scripts.getOrCreateInline(ownerId, input.aiSessionId);
      return { session: mapScriptBuilderSession(session), created };
    }
    const limit = (await this.entitlements.forAccount(principal.accountId)).limits.standaloneScriptSessions;
    await this.scripts.lockStandaloneQuota(ownerId);
    if (limit !== null && (await this.scripts.countStandalone(ownerId)) >= limit) {
      throw new AppError(409, 'script_session_limit_reached', `Your plan allows ${limit} script builder sessions; delete one to start another`, {
        limit,
      });
    }
    return { session: mapScriptBuilderSession(await this.scripts.insertStandalone(ownerId)), created: true };
  }

  async list(principal: Principal, query: CursorQuery): Promise<Page<ScriptBuilderSession>> {
    if (!principal.userId) return { items: [], nextCursor: null };
    return mapPage(await this.scripts.pageStandalone(principal.userId, query.limit, decodeCursor(query.cursor)), mapScriptBuilderSession);
  }
}
