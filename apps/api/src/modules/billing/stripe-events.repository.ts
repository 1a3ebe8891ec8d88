import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../../core/database/sql.js';
import { StripeEventEntity, type StripeEventOutcome } from './stripe-event.entity.js';

export interface ReceivedStripeEvent {
  id: string;
  type: string;
  createdAt: Date;
}

/** The ledger of Stripe events (platform table), written in the webhook's privileged transaction. */
@Injectable()
export class StripeEventsRepository {
  /**
   * Claims the event id for this transaction; false when it was applied before. A concurrent
   * delivery of the same event waits here until the first commits, then sees it taken.
   */
  async claim(event: ReceivedStripeEvent, manager: EntityManager): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      manager,
      `insert into stripe_events (id, type, outcome, stripe_created_at) values ($1, $2, 'unhandled', $3)
       on conflict (id) do nothing
       returning id`,
      [event.id, event.type, event.createdAt],
    );
    return rows.length === 1;
  }

  async recordOutcome(
    id: string,
    result: { outcome: StripeEventOutcome; accountId: string | null; stripeSubscriptionId: string | null },
    manager: EntityManager,
  ): Promise<void> {
    await manager.update(StripeEventEntity, { id }, result);
  }

  /** Whether an earlier event already showed `stripeSubscriptionId` to be the account's second live subscription. */
  async isKnownDuplicate(accountId: string, stripeSubscriptionId: string, manager: EntityManager): Promise<boolean> {
    return manager.existsBy(StripeEventEntity, { accountId, stripeSubscriptionId, outcome: 'duplicate_subscription' });
  }
}
