import { Injectable, Logger } from '@nestjs/common';
import type { PsaPushResult, PsaTicket, PsaTicketLink, SessionDetail, SessionSummary } from '@resolutionflow/contracts';
import type { Principal } from '../../core/auth/principal.js';
import { TenantDatabase } from '../../core/database/tenant-database.js';
import { AppError } from '../../core/errors/app-error.js';
import { PsaService } from '../psa/psa.service.js';
import { AiSessionsRepository } from './ai-sessions.repository.js';
import { SessionLookup } from './session-lookup.js';
import { mapSessionSummary } from './sessions.mapper.js';

/** PSA answers that mean "the PSA is not usable right now", as opposed to "no such ticket". */
const PSA_OUTAGE_CODES = new Set(['psa_unavailable', 'psa_credentials_unreadable', 'psa_not_connected']);

const ticketAlreadyLinked = (ticketId: string, details: Record<string, unknown> = {}) =>
  new AppError(409, 'psa_ticket_already_linked', `This session is already linked to ticket #${ticketId}; unlink it first`, {
    ticketId,
    ...details,
  });

/** What a new ticket says about the session it was spun off from: the record, not the chat verbatim. */
export function ticketDescription(session: SessionDetail): string {
  const lines = ['Opened from a ResolutionFlow troubleshooting session.', '', `Problem: ${session.problemSummary}`];
  if (session.fixes.length) {
    lines.push('', 'Fixes so far:');
    for (const fix of session.fixes) lines.push(`- ${fix.title} (${fix.status.replace('_', ' ')})`);
  }
  lines.push('', `${session.steps.length} troubleshooting steps are recorded in the session.`);
  return lines.join('\n');
}

/**
 * The session's side of the PSA: linking a ticket, spinning one off, pushing documentation as a
 * ticket note. Calls to ConnectWise happen outside any database transaction, between two short ones.
 */
@Injectable()
export class SessionPsaService {
  private readonly logger = new Logger('SessionPsa');

  constructor(
    private readonly tenant: TenantDatabase,
    private readonly lookup: SessionLookup,
    private readonly sessions: AiSessionsRepository,
    private readonly psa: PsaService,
  ) {}

  /**
   * Links `ticketId`. With a PSA connection the ticket must exist (404 `psa_ticket_not_found`);
   * without one, or while the PSA cannot be reached, the number is stored unverified so the team's
   * workflow never waits on the PSA.
   */
  async link(principal: Principal, sessionId: string, ticketId: string): Promise<PsaTicketLink> {
    const { accountId } = principal;
    await this.tenant.run(accountId, () => this.lookup.workable(principal, sessionId));
    const { ticket, verified } = await this.verifyTicket(accountId, ticketId);
    const session = await this.tenant.run(accountId, async () => {
      await this.lookup.workable(principal, sessionId, { lock: true });
      await this.sessions.update(sessionId, { psaTicketId: ticketId });
      return this.summary(sessionId);
    });
    return { session, ticketId, ticket, verified };
  }

  async unlink(principal: Principal, sessionId: string): Promise<SessionSummary> {
    return this.tenant.run(principal.accountId, async () => {
      const session = await this.lookup.workable(principal, sessionId, { lock: true });
      if (session.psaTicketId !== null) await this.sessions.update(sessionId, { psaTicketId: null });
      return this.summary(sessionId);
    });
  }

  /** Opens a ticket for the session in the account's PSA and links it. */
  async spinOff(principal: Principal, sessionId: string): Promise<PsaTicketLink> {
    const { accountId } = principal;
    const detail = await this.tenant.run(accountId, async () => {
      const session = await this.lookup.workable(principal, sessionId);
      if (session.psaTicketId) throw ticketAlreadyLinked(session.psaTicketId);
      return this.lookup.detailOf(session);
    });
    const { ticketId } = await this.psa.createTicket(accountId, { summary: detail.problemSummary, description: ticketDescription(detail) });
    const session = await this.tenant.run(accountId, async () => {
      const locked = await this.lookup.workable(principal, sessionId, { lock: true });
      // Someone linked a ticket while ours was being created: keep theirs and say which one we made.
      if (locked.psaTicketId) throw ticketAlreadyLinked(locked.psaTicketId, { createdTicketId: ticketId });
      await this.sessions.update(sessionId, { psaTicketId: ticketId });
      return this.summary(sessionId);
    });
    this.logger.log({ sessionId, ticketId }, 'Ticket spun off from a session');
    return { session, ticketId, ticket: null, verified: true };
  }

  /**
   * Queues `text` as a note on the session's ticket. Never throws: the outcome is reported, and a
   * queued note's delivery (retries, final failure) is tracked by its delivery record. Inside the
   * account's transaction (escalate, resolve) the note is queued in it, so ConnectWise only hears
   * of what committed — under a savepoint, so failing to queue it never aborts the action.
   */
  async pushNote(accountId: string, ticketId: string | null, text: string, purpose: string): Promise<PsaPushResult> {
    if (!ticketId) return { status: 'not_linked', ticketId: null, message: null };
    try {
      const action = this.tenant.managerFor(accountId);
      if (action) await action.transaction((savepoint) => this.psa.enqueueNote(accountId, ticketId, text, { purpose, manager: savepoint }));
      else await this.psa.enqueueNote(accountId, ticketId, text, { purpose });
      return { status: 'queued', ticketId, message: null };
    } catch (error) {
      const code = error instanceof AppError ? error.code : null;
      if (code === 'psa_not_connected') return { status: 'not_connected', ticketId, message: 'This account has no PSA connection' };
      this.logger.warn({ ticketId, purpose, err: (error as Error).message }, 'Could not queue a ticket note');
      return { status: 'failed', ticketId, message: error instanceof AppError ? error.message : 'The ticket note could not be queued' };
    }
  }

  private async verifyTicket(accountId: string, ticketId: string): Promise<{ ticket: PsaTicket | null; verified: boolean }> {
    try {
      if (!(await this.psa.isConnected(accountId))) return { ticket: null, verified: false };
      const ticket = await this.psa.getTicket(accountId, ticketId);
      if (!ticket) throw new AppError(404, 'psa_ticket_not_found', `The PSA has no ticket #${ticketId}`);
      return { ticket, verified: true };
    } catch (error) {
      if (error instanceof AppError && PSA_OUTAGE_CODES.has(error.code)) {
        this.logger.warn({ ticketId, err: error.message }, 'PSA unreachable; linking the ticket unverified');
        return { ticket: null, verified: false };
      }
      throw error;
    }
  }

  private async summary(sessionId: string): Promise<SessionSummary> {
    const session = await this.sessions.findById(sessionId);
    if (!session) throw new Error(`Session ${sessionId} vanished`);
    return mapSessionSummary(session);
  }
}
