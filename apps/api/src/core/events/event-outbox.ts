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
    const [id] = await this.appendMany(manager, [entry]);
    return id!;
  }

  /**
   * Several events of one account (say, one notification per recipient) in three round trips
   * whatever their number: the lock, one insert, one announcement. Ids follow the entries' order.
   */
  async appendMany(manager: EntityManager, entries: OutboxEntry[]): Promise<string[]> {
    if (!entries.length) return [];
    const accountId = entries[0]!.accountId;
    if (entries.some((e) => e.accountId !== accountId)) throw new Error('Outbox events appended together must belong to one account');
    // Events of one account get ids in commit order (the lock is held until commit), so a client
    // resuming after id N can never miss an event that committed later with a smaller id.
    await manager.query(`select pg_advisory_xact_lock(hashtextextended($1::text, 7031))`, [accountId]);
    const rows = await queryRows<{ id: string }>(
      manager,
      `insert into outbox_events (account_id, type, payload, recipient_user_id)
       select $1, e.type, e.payload, e.recipient
         from rows from (jsonb_to_recordset($2::jsonb) as (type text, payload jsonb, recipient uuid)) with ordinality as e(type, payload, recipient, n)
        order by e.n
       returning id`,
      [accountId, JSON.stringify(entries.map((e) => ({ type: e.type, payload: e.payload, recipient: e.recipientUserId ?? null })))],
    );
    const ids = rows.map((r) => String(r.id)).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    await this.signals.publishMany(OUTBOX_CHANNEL, ids, manager);
    return ids;
  }
}
