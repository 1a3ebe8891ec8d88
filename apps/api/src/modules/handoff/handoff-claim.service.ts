import { Injectable } from '@nestjs/common';
import type { Handoff, HandoffClaimedEvent, HandoffClosedDetails } from '@resolutionflow/contracts';
import { randomUUID } from 'node:crypto';
import type { Principal } from '../../core/auth/principal.js';
import { TenantDatabase } from '../../core/database/tenant-database.js';
import { AppError } from '../../core/errors/app-error.js';
import { EventOutbox } from '../../core/events/event-outbox.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { toHandoff } from './handoff.mapper.js';
import { HandoffsRepository, type HandoffRow } from './handoffs.repository.js';

/** Exactly one claimer wins an escalation; everyone else hears who did. */
@Injectable()
export class HandoffClaimService {
  constructor(
    private readonly tenant: TenantDatabase,
    private readonly handoffs: HandoffsRepository,
    private readonly sessions: SessionsService,
    private readonly outbox: EventOutbox,
    private readonly notifications: NotificationsService,
  ) {}

  /** Runs inside the request's tenant transaction. */
  async claim(principal: Principal, sessionId: string, handoffId: string): Promise<Handoff> {
    const { accountId } = principal;
    const me = this.personOf(principal);
    const handoff = await this.handoffs.find(accountId, handoffId);
    if (!handoff || handoff.sessionId !== sessionId || handoff.intent !== 'escalate') throw AppError.notFound('Handoff');
    if (handoff.createdBy === me) throw new AppError(403, 'cannot_claim_own_handoff', 'You cannot pick up your own escalation');

    if (handoff.claimedBy === me) {
      await this.handoffs.recordAttempt(accountId, handoffId, me, 'repeat');
      return toHandoff(handoff);
    }
    if (handoff.closedAt) return this.closed(accountId, handoff, me);
    if (!(await this.handoffs.claim(accountId, sessionId, handoffId, me))) {
      return this.refused(accountId, handoffId, me);
    }

    const claimed = (await this.handoffs.find(accountId, handoffId))!;
    await this.sessions.assignClaimer(sessionId, me);
    const manager = this.tenant.manager();
    const event: HandoffClaimedEvent = {
      handoffId,
      sessionId,
      claimedBy: { id: me, name: claimed.claimedByName ?? principal.name },
      claimedAt: claimed.claimedAt!.toISOString(),
    };
    await this.outbox.append(manager, { accountId, type: 'handoff_claimed', payload: event });
    await this.notifications.notify(manager, accountId, [claimed.createdBy], {
      type: 'escalation_claimed',
      title: `${event.claimedBy.name} picked up your escalation`,
      link: `/pilot/${sessionId}`,
      data: { sessionId, handoffId },
    });
    await this.handoffs.recordAttempt(accountId, handoffId, me, 'won');
    return toHandoff(claimed);
  }

  /**
   * Picks up whatever escalation a session is waiting on. A session that asked for help before
   * handoffs existed (`requesting_escalation` without a handoff row) gets one first.
   */
  async pickup(principal: Principal, sessionId: string): Promise<Handoff> {
    const { accountId } = principal;
    const me = this.personOf(principal);
    let open = await this.handoffs.findOpenForSession(accountId, sessionId);
    if (!open) {
      const session = await this.sessions.loadForEscalation(sessionId, { lock: true });
      if (!session || session.status !== 'requesting_escalation') throw AppError.notFound('Escalation');
      if (session.ownerId === me) throw new AppError(403, 'cannot_claim_own_handoff', 'You cannot pick up your own escalation');
      const id = randomUUID();
      await this.handoffs.insert({
        id,
        accountId,
        sessionId,
        intent: 'escalate',
        reason: session.escalationReason ?? 'Escalation requested',
        targetUserId: session.escalatedToId,
        createdBy: session.ownerId,
        documentation: session.escalationPackage,
        assessmentStatus: 'unavailable',
      });
      await this.sessions.markEscalated(sessionId, {
        reason: session.escalationReason ?? 'Escalation requested',
        targetUserId: session.escalatedToId,
        escalationPackage: session.escalationPackage,
      });
      open = (await this.handoffs.find(accountId, id))!;
    }
    return this.claim(principal, sessionId, open.id);
  }

  /** The claim updated nothing: someone else claimed it first, or its session stopped waiting (resolved first). */
  private async refused(accountId: string, handoffId: string, me: string): Promise<never> {
    // Read on the privileged connection: this transaction's snapshot may predate the winner's commit.
    const now: HandoffRow | null = await this.handoffs.findCommitted(accountId, handoffId);
    if (now && !now.claimedBy) return this.closed(accountId, now, me);
    await this.handoffs.recordAttempt(accountId, handoffId, me, 'lost');
    throw new AppError(409, 'handoff_already_claimed', `Already claimed by ${now?.claimedByName ?? 'a teammate'}`, {
      claimedBy: { id: now?.claimedBy, name: now?.claimedByName },
      claimedAt: now?.claimedAt?.toISOString() ?? null,
    });
  }

  /** Nobody claimed it and its session no longer waits: normally closed on resolve, with the reason on the row. */
  private async closed(accountId: string, handoff: HandoffRow, me: string): Promise<never> {
    await this.handoffs.recordAttempt(accountId, handoff.id, me, 'closed');
    const details: HandoffClosedDetails = { reason: handoff.closedReason, closedAt: handoff.closedAt?.toISOString() ?? null };
    const why = handoff.closedReason === 'session_resolved' ? 'its session was resolved before anyone picked it up' : 'its session no longer waits for help';
    throw new AppError(409, 'handoff_closed', `This escalation is closed: ${why}`, details);
  }

  /** An API key claims for the person who created it: a session is always worked by someone. */
  private personOf(principal: Principal): string {
    if (!principal.userId) throw new AppError(403, 'forbidden', 'This API key has no user behind it to pick up escalations');
    return principal.userId;
  }
}
