import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../database/sql.js';
import { ClusterSignals } from './cluster-signals.js';
import { OUTBOX_CHANNEL } from './live-event.js';

export interface OutboxEntry {
  accountId: string;
  type: string;
  payload: unknown;
  recipientUserId?: string | null;
}

/**
 * Writes a domain event in the caller's transaction: it is announced (NOTIFY with its id only)
 * when that transaction commits, never for a rolled-back change, and never lost on a crash.
 */
@Injectable()
export class EventOutbox {
  constructor(private readonly signals: ClusterSignals) {}

  async append(manager: EntityManager, entry: OutboxEntry): Promise<string> {
    // Events of one account get ids in commit order (the lock is held until commit), so a client
    // resuming after id N can never miss an event that committed later with a smaller id.
    await manager.query(`select pg_advisory_xact_lock(hashtextextended($1::text, 7031))`, [entry.accountId]);
    const [row] = await queryRows<{ id: string }>(
      manager,
      `insert into outbox_events (account_id, type, payload, recipient_user_id) values ($1, $2, $3::jsonb, $4) returning id`,
      [entry.accountId, entry.type, JSON.stringify(entry.payload), entry.recipientUserId ?? null],
    );
    await this.signals.publish(OUTBOX_CHANNEL, row!.id, manager);
    return row!.id;
  }
}
