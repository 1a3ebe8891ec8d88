import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Observable } from 'rxjs';
import { PrivilegedDatabase } from '../database/privileged-database.js';
import { queryRows } from '../database/sql.js';
import { ClusterSignals } from './cluster-signals.js';
import { OUTBOX_CHANNEL, type LiveEvent } from './live-event.js';

const SELECT_EVENT = `select id::text, account_id as "accountId", type, payload, recipient_user_id as "recipientUserId",
                             to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt"
                        from outbox_events`;
const CATCH_UP_LIMIT = 5_000;
// Every ORDER BY names outbox_events.id: a bare `id` would sort the text column above ('10' < '9').
/** Ids already pushed, so an event both caught up and announced reaches subscribers once. */
const RECENT_IDS = 10_000;

/**
 * The process-wide feed of committed events, from every API process: NOTIFY carries outbox ids,
 * this reads the rows (batched per tick) and hands each one to the streams of its account only,
 * so an event costs as many calls as its account has open streams, not as the process has.
 * Holds no connection between events.
 */
@Injectable()
export class LiveEvents implements OnModuleInit {
  private readonly logger = new Logger('LiveEvents');
  private readonly listeners = new Map<string, Set<(event: LiveEvent) => void>>();
  private pending = new Set<string>();
  private flushing: Promise<void> | null = null;
  private highestSeen = 0n;
  private readonly recent = new Set<string>();
  private subscribers = 0;

  constructor(
    private readonly signals: ClusterSignals,
    private readonly db: PrivilegedDatabase,
  ) {}

  async onModuleInit(): Promise<void> {
    // Where this process starts: a reconnect catches up from here even if no event arrived before it.
    const [row] = await queryRows<{ id: string | null }>(this.db.manager, `select max(id)::text as id from outbox_events`);
    this.highestSeen = BigInt(row?.id ?? '0');
    await this.signals.subscribe(OUTBOX_CHANNEL, (id) => this.announce(id));
    // Notifications sent while the connection was down are gone; read what committed meanwhile.
    this.signals.onReconnect(() => void this.catchUp());
  }

  /** Every committed event of one account, as it arrives. */
  eventsOf(accountId: string): Observable<LiveEvent> {
    return new Observable<LiveEvent>((subscriber) => {
      const listener = (event: LiveEvent) => subscriber.next(event);
      let listeners = this.listeners.get(accountId);
      if (!listeners) this.listeners.set(accountId, (listeners = new Set()));
      listeners.add(listener);
      this.subscribers += 1;
      return () => {
        this.subscribers -= 1;
        listeners.delete(listener);
        if (!listeners.size && this.listeners.get(accountId) === listeners) this.listeners.delete(accountId);
      };
    });
  }

  /** Open subscriptions to the feed (one per connected stream): a leak shows up here. */
  get subscriberCount(): number {
    return this.subscribers;
  }

  /** Events of one account after `afterId`, oldest first: what a reconnecting client missed. */
  replay(accountId: string, afterId: string, limit = 1_000): Promise<LiveEvent[]> {
    return queryRows<LiveEvent>(
      this.db.manager,
      `${SELECT_EVENT} where account_id = $1 and id > $2 order by outbox_events.id limit $3`,
      [accountId, afterId, limit],
    );
  }

  /** The newest event id of an account: where a fresh stream starts (its `ready` carries it). */
  async latestId(accountId: string): Promise<string> {
    const [row] = await queryRows<{ id: string | null }>(
      this.db.manager,
      `select max(id)::text as id from outbox_events where account_id = $1`,
      [accountId],
    );
    return row?.id ?? '0';
  }

  private announce(id: string): void {
    if (!/^\d+$/.test(id)) return;
    this.pending.add(id);
    this.scheduleFlush();
  }

  /**
   * One flush at a time: notifications arrive in commit order (which per account is id order,
   * see EventOutbox), and concurrent reads could finish out of order and hand a resuming
   * client a gap.
   */
  private scheduleFlush(): void {
    if (this.flushing) return;
    this.flushing = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.flush())
      .finally(() => {
        this.flushing = null;
        if (this.pending.size) this.scheduleFlush();
      });
  }

  private async flush(): Promise<void> {
    const ids = [...this.pending];
    this.pending = new Set();
    try {
      const rows = await queryRows<LiveEvent>(this.db.manager, `${SELECT_EVENT} where id = any($1::bigint[]) order by outbox_events.id`, [ids]);
      this.emit(rows);
    } catch (error) {
      this.logger.error({ err: (error as Error).message, ids: ids.length }, 'Could not read announced events');
    }
  }

  private async catchUp(): Promise<void> {
    try {
      const rows = await queryRows<LiveEvent>(
        this.db.manager,
        `${SELECT_EVENT} where id > $1 order by outbox_events.id limit $2`,
        [this.highestSeen.toString(), CATCH_UP_LIMIT],
      );
      this.emit(rows);
    } catch (error) {
      this.logger.error({ err: (error as Error).message }, 'Could not catch up on missed events');
    }
  }

  private emit(rows: LiveEvent[]): void {
    for (const row of rows) {
      if (this.recent.has(row.id)) continue;
      this.recent.add(row.id);
      if (this.recent.size > RECENT_IDS) this.recent.delete(this.recent.values().next().value!);
      const id = BigInt(row.id);
      if (id > this.highestSeen) this.highestSeen = id;
      for (const listener of this.listeners.get(row.accountId) ?? []) listener(row);
    }
  }
}
