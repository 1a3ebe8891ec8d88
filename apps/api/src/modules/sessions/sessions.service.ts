import { Injectable } from '@nestjs/common';
import type {
  ConfidenceTier,
  CreateSessionRequest,
  CursorQuery,
  EscalationPackage,
  Page,
  PsaPushResult,
  ResolvedSession,
  ResolveSessionRequest,
  SessionDetail,
  SessionSummary,
  SuggestedFix,
} from '@resolutionflow/contracts';
import type { Principal } from '../../core/auth/principal.js';
import { decodeCursor, mapPage } from '../../core/database/keyset-page.js';
import { TenantDatabase } from '../../core/database/tenant-database.js';
import { AppError } from '../../core/errors/app-error.js';
import { DomainEvents } from '../../core/events/domain-events.js';
import type { AiAssessment, AiCallOptions } from '../ai/ai-provider.js';
import { EntitlementsService } from '../billing/entitlements.service.js';
import { AiSessionsRepository } from './ai-sessions.repository.js';
import { utcMonthOf } from './calendar-month.js';
import { FixesService } from './fixes.service.js';
import { sessionResolved } from './session-errors.js';
import { SessionDocumentsService } from './session-documents.service.js';
import { SessionLookup } from './session-lookup.js';
import { SessionPsaService } from './session-psa.service.js';
import { mapSessionSummary } from './sessions.mapper.js';

/** A resolution note is written outside the transaction; if the session changes meanwhile it is written again, this often. */
const RESOLVE_ATTEMPTS = 3;

function requireUser(principal: Principal): string {
  if (!principal.userId) throw AppError.forbidden('Sessions belong to people; this API key has no user behind it');
  return principal.userId;
}

/**
 * Sessions: create, list, read, park, resolve — and what the handoff module needs to escalate one
 * (load with steps and fixes, open fixes, the escalation package, status changes).
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly tenant: TenantDatabase,
    private readonly sessions: AiSessionsRepository,
    private readonly lookup: SessionLookup,
    private readonly fixes: FixesService,
    private readonly documents: SessionDocumentsService,
    private readonly psa: SessionPsaService,
    private readonly events: DomainEvents,
    private readonly entitlements: EntitlementsService,
  ) {}

  /** A new session of the caller's, within the plan's sessions per calendar month (UTC). */
  async create(principal: Principal, input: CreateSessionRequest): Promise<SessionDetail> {
    const ownerId = requireUser(principal);
    await this.assertMonthlyAllowance(principal.accountId);
    const session = await this.sessions.insert({
      ownerId,
      problemSummary: input.problemSummary.trim(),
      psaTicketId: input.psaTicketId?.trim() ?? null,
    });
    return this.lookup.detailOf(session);
  }

  /** The caller's sidebar: own sessions and those escalated to or claimed by them. */
  async list(principal: Principal, query: CursorQuery): Promise<Page<SessionSummary>> {
    if (!principal.userId) return { items: [], nextCursor: null };
    const page = await this.sessions.pageForUser(principal.userId, query.limit, decodeCursor(query.cursor));
    return mapPage(page, mapSessionSummary);
  }

  /** Whether `userId` owns the session (script builder inline sessions hang off owned sessions only). */
  async isOwnedBy(sessionId: string, userId: string): Promise<boolean> {
    return (await this.sessions.findById(sessionId))?.ownerId === userId;
  }

  async get(principal: Principal, id: string): Promise<SessionDetail> {
    return this.lookup.detailOf(await this.lookup.readable(principal, id));
  }

  /** The owner sets an active session aside; writing in it again makes it active. */
  async park(principal: Principal, id: string): Promise<SessionDetail> {
    const session = await this.lookup.owned(principal, id, { lock: true });
    if (session.status === 'resolved') throw sessionResolved();
    if (session.status === 'requesting_escalation' || session.status === 'escalated') {
      throw new AppError(409, 'session_escalated', 'This session is escalated; park it through its handoff instead');
    }
    if (session.status !== 'parked') await this.sessions.update(id, { status: 'parked' });
    return this.lookup.detailOf((await this.sessions.findById(id))!);
  }

  /**
   * Resolves the session: pending fixes become verified successes, the assistant writes the
   * resolution note (framing those fixes as provisional), and the note goes to the linked ticket.
   * The note is written between two short transactions, never inside one; the PSA note is queued
   * after the resolution commits, and its failure is reported, not raised. An escalation still
   * waiting for someone ends with the session, in the same transaction (`session.resolved`).
   */
  async resolve(principal: Principal, id: string, input: ResolveSessionRequest): Promise<ResolvedSession> {
    const { accountId } = principal;
    const engineerNote = input.note?.trim() || null;
    for (let attempt = 0; attempt < RESOLVE_ATTEMPTS; attempt++) {
      const before = await this.tenant.run(accountId, async () => this.lookup.detailOf(await this.lookup.workable(principal, id)));
      const note = await this.documents.resolutionNote(before, engineerNote);
      const resolved = await this.tenant.run(accountId, async () => {
        const session = await this.lookup.workable(principal, id, { lock: true });
        if (session.stateVersion !== before.stateVersion) return null;
        const now = new Date();
        await this.fixes.settlePending(id, now);
        await this.sessions.update(id, { status: 'resolved', resolutionNote: note.text, resolvedAt: now });
        await this.events.emit('session.resolved', { sessionId: id, accountId });
        return this.lookup.detailOf((await this.sessions.findById(id))!);
      });
      if (!resolved) continue;
      const psa = await this.psa.pushNote(accountId, resolved.psaTicketId, note.text, 'resolution_note');
      return { session: resolved, psa };
    }
    throw new AppError(409, 'session_changed', 'The session kept changing while its resolution note was written; try again');
  }

  // For the handoff module. These run in the caller's tenant transaction and check no caller rights.

  /**
   * Locks the session for the caller's transaction; false when not in this account. Whatever
   * changes a session and its handoffs together locks the session first, so they never deadlock.
   */
  async lock(sessionId: string): Promise<boolean> {
    return (await this.sessions.lockById(sessionId)) !== null;
  }

  /** The session with its steps and fixes, locked for the caller's transaction when `lock` is set; null when not in this account. */
  async loadForEscalation(sessionId: string, options: { lock?: boolean } = {}): Promise<SessionDetail | null> {
    const session = options.lock ? await this.sessions.lockById(sessionId) : await this.sessions.findById(sessionId);
    return session ? this.lookup.detailOf(session) : null;
  }

  /** Fixes still verifying, partly working or waiting to be verified: escalating past them needs an acknowledgement. */
  openFixesBlockingEscalation(sessionId: string): Promise<SuggestedFix[]> {
    return this.fixes.openOutcomes(sessionId);
  }

  /**
   * The briefing for whoever picks the session up, with a pending fix as the leading hypothesis
   * and what it waits on. Calls the assistant (bounded by AI_TIMEOUT_SECONDS) and never fails:
   * without the assistant it is written from the record. Best called outside a long transaction.
   */
  buildEscalationPackage(session: SessionDetail, reason: string | null = null, options?: AiCallOptions): Promise<EscalationPackage> {
    return this.documents.escalationPackage(session, reason, options);
  }

  /** The assistant's assessment for the pick-up screen; fails with AiTimeoutError / AiUnavailableError. */
  assessForEscalation(session: SessionDetail, options?: AiCallOptions): Promise<AiAssessment> {
    return this.documents.assess(session, options);
  }

  /** Escalated (to `targetUserId` when named); answers the new state version. */
  markEscalated(sessionId: string, input: { reason: string; targetUserId: string | null; escalationPackage: EscalationPackage | null }): Promise<number> {
    return this.sessions.update(sessionId, {
      status: 'escalated',
      escalationReason: input.reason,
      escalatedToId: input.targetUserId,
      escalationPackage: input.escalationPackage,
    });
  }

  markParked(sessionId: string): Promise<number> {
    return this.sessions.update(sessionId, { status: 'parked' });
  }

  /** The claimer becomes `escalatedToId`: the session enters their sidebar and they may work it. */
  assignClaimer(sessionId: string, userId: string): Promise<number> {
    return this.sessions.update(sessionId, { escalatedToId: userId });
  }

  storeEscalationPackage(sessionId: string, escalationPackage: EscalationPackage): Promise<number> {
    return this.sessions.update(sessionId, { escalationPackage });
  }

  setConfidenceTier(sessionId: string, confidenceTier: ConfidenceTier | null): Promise<number> {
    return this.sessions.update(sessionId, { confidenceTier });
  }

  /** Queues documentation on the session's linked ticket; reports the outcome, never throws. */
  pushToTicket(accountId: string, session: Pick<SessionDetail, 'psaTicketId'>, text: string, purpose: string): Promise<PsaPushResult> {
    return this.psa.pushNote(accountId, session.psaTicketId, text, purpose);
  }

  private async assertMonthlyAllowance(accountId: string): Promise<void> {
    const limit = (await this.entitlements.forAccount(accountId)).limits.monthlySessions;
    // Unlimited plans count nothing, so their creations never wait for each other.
    if (limit === null) return;
    await this.sessions.lockMonthlyQuota();
    const month = utcMonthOf(new Date());
    const used = await this.sessions.countCreatedSince(month.start);
    if (used < limit) return;
    const resetsAt = month.next.toISOString();
    throw new AppError(
      409,
      'monthly_session_limit_reached',
      `Your plan includes ${limit} session${limit === 1 ? '' : 's'} a month and this month's are used up. ` +
        `New sessions can start again on ${resetsAt.slice(0, 10)} (UTC); upgrade the plan for more.`,
      { limit, used, resetsAt },
    );
  }
}
