import { Injectable } from '@nestjs/common';
import type { HandoffClosedEvent } from '@resolutionflow/contracts';
import { TenantDatabase } from '../../core/database/tenant-database.js';
import { OnDomainEvent, type DomainEventMap } from '../../core/events/domain-events.js';
import { EventOutbox } from '../../core/events/event-outbox.js';
import { HandoffsRepository } from './handoffs.repository.js';

/**
 * Ends the escalation a session waited on when the session ends first: resolved before anyone
 * picked it up, the escalation is closed — off every queue, no more re-alerts, no claim.
 */
@Injectable()
export class HandoffClosingService {
  constructor(
    private readonly tenant: TenantDatabase,
    private readonly handoffs: HandoffsRepository,
    private readonly outbox: EventOutbox,
  ) {}

  /** Runs in the resolving transaction, which holds the session's lock: if closing fails, so does the resolve. */
  @OnDomainEvent('session.resolved', { required: true })
  async onSessionResolved(event: DomainEventMap['session.resolved']): Promise<void> {
    const { accountId, sessionId } = event;
    const closed = await this.handoffs.closeUnclaimed(accountId, sessionId, 'session_resolved');
    await this.outbox.appendMany(
      this.tenant.manager(),
      closed.map((handoff) => {
        const payload: HandoffClosedEvent = { handoffId: handoff.id, sessionId, reason: 'session_resolved', closedAt: handoff.closedAt.toISOString() };
        return { accountId, type: 'handoff_closed', payload };
      }),
    );
  }
}
