import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { defer, finalize, Subject, type Observable } from 'rxjs';
import { PrivilegedDatabase } from '../database/privileged-database.js';
import { queryRows } from '../database/sql.js';
import { ClusterSignals } from './cluster-signals.js';
import { OUTBOX_CHANNEL, type LiveEvent } from './live-event.js';

const SELECT_EVENT = `select id::text, account_id as "accountId", type, payload, recipient_user_id as "recipientUserId",
                             to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt"
                        from outbox_events`;
const CATCH_UP_LIMIT = 5_000;

/**
 * The process-wide feed of committed events, from every API process: NOTIFY carries outbox ids,
 * this reads the rows (batched per tick) and pushes them into one RxJS Subject that every live
 * stream filters. Holds no connection between events.
 */
@Injectable()
export class LiveEvents implements OnModuleInit {
  private readonly logger = new Logger('LiveEvents');
  private readonly subject = new Subject<LiveEvent>();
  private pending = new Set<string>();
  private flushing: Promise<void> | null = null;
  private highestSeen = 0n;
  private subscribers = 0;

  constructor(
    private readonly signals: ClusterSignals,
    private readonly db: PrivilegedDatabase,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.signals.subscribe(OUTBOX_CHANNEL, (id) => this.announce(id));
    // Notifications sent while the connection was down are gone; read what committed meanwhile.
    this.signals.onReconnect(() => void this.catchUp());
  }

  /** Every committed event, as it arrives. */
  get events$(): Observable<LiveEvent> {
    return defer(() => {
      this.subscribers += 1;
      return this.subject.pipe(finalize(() => (this.subscribers -= 1)));
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
      `${SELECT_EVENT} where account_id = $1 and id > $2 order by id limit $3`,
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
      const rows = await queryRows<LiveEvent>(this.db.manager, `${SELECT_EVENT} where id = any($1::bigint[]) order by id`, [ids]);
      this.emit(rows);
    } catch (error) {
      this.logger.error({ err: (error as Error).message, ids: ids.length }, 'Could not read announced events');
    }
  }

  private async catchUp(): Promise<void> {
    if (this.highestSeen === 0n) return;
    try {
      const rows = await queryRows<LiveEvent>(
        this.db.manager,
        `${SELECT_EVENT} where id > $1 order by id limit $2`,
        [this.highestSeen.toString(), CATCH_UP_LIMIT],
      );
      this.emit(rows);
    } catch (error) {
      this.logger.error({ err: (error as Error).message }, 'Could not catch up on missed events');
    }
  }

  private emit(rows: LiveEvent[]): void {
    for (const row of rows) {
      const id = BigInt(row.id);
      if (id > this.highestSeen) this.highestSeen = id;
      this.subject.next(row);
    }
  }
}
