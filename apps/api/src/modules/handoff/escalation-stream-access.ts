import { Injectable, Logger, OnModuleInit, type MessageEvent } from '@nestjs/common';
import { STREAM_ACCESS_REVOKED, type Role, type StreamAccessRevokedEvent, type StreamRevocationReason } from '@resolutionflow/contracts';
import { Observable, type Subscription } from 'rxjs';
import type { Principal } from '../../core/auth/principal.js';
import { isUuid } from '../../core/database/sql.js';
import { TenantDatabase } from '../../core/database/tenant-database.js';
import { ClusterSignals } from '../../core/events/cluster-signals.js';
import { OnDomainEvent, type DomainEventMap } from '../../core/events/domain-events.js';
import { heartbeat$ } from '../../core/events/live-stream.js';
import { BillingService } from '../billing/billing.service.js';
import { ENTITLEMENTS_CHANNEL } from '../billing/entitlements.service.js';
import { holderKey, holderOf, OpenStreams, type StreamHolder } from './open-streams.js';
import { StreamHoldersRepository } from './stream-holders.repository.js';

/** Who may follow the escalation stream: the route's `@Roles`. */
export const STREAM_ROLES: readonly Role[] = ['engineer', 'admin', 'owner'];

/** Heard by every API process: `user:<id>` or `key:<id>`, a stream holder who may have lost access. */
export const STREAM_ACCESS_CHANNEL = 'rf_stream_access';

/** Every this many heartbeats every open stream is checked again, so a lost signal cannot keep one open. */
const RECHECK_EVERY_HEARTBEATS = 5;

/**
 * A stream that registers this soon after a change to its holder or account is checked once:
 * its request may have been authorised before the change, and the signal heard before it registered.
 */
const RECENT_CHANGE_MS = 10_000;

/** In `recentChanges`: a change that may concern every holder (a plan edit, a reconnect). */
const EVERYONE = '*';

/**
 * Keeps the escalation stream to those who may follow it. The route authorises once, at connect;
 * afterwards a member's removal or demotion, an API key's revocation or a lapsed subscription
 * signals every API process, and each ends the holder's open streams with a final
 * `access_revoked` event. As a safety net every open stream is also checked on a slow beat of
 * the shared heartbeat timer.
 */
@Injectable()
export class EscalationStreamAccess implements OnModuleInit {
  private readonly logger = new Logger(EscalationStreamAccess.name);
  private readonly streams = new OpenStreams();
  private pending = new Set<string>();
  private checking: Promise<void> | null = null;
  /** Holder keys and account ids whose access changed lately, and when; oldest first. */
  private readonly recentChanges = new Map<string, number>();
  private heartbeat: Subscription | null = null;
  private heartbeats = 0;

  constructor(
    private readonly signals: ClusterSignals,
    private readonly tenant: TenantDatabase,
    private readonly holders: StreamHoldersRepository,
    private readonly billing: BillingService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.signals.subscribe(STREAM_ACCESS_CHANNEL, (key) => this.changed(key, [key]));
    // An account's entitlements changed, or (any other payload, a plan) possibly those of every account.
    await this.signals.subscribe(ENTITLEMENTS_CHANNEL, (target) =>
      isUuid(target) ? this.changed(target, this.streams.keys(target)) : this.changed(EVERYONE, this.streams.keys()),
    );
    // Signals sent while this process was disconnected are lost.
    this.signals.onReconnect(() => this.changed(EVERYONE, this.streams.keys()));
  }

  /** `messages`, ended with `access_revoked` once `principal` may no longer follow them. */
  watch(principal: Principal, messages: Observable<MessageEvent>): Observable<MessageEvent> {
    const holder = holderOf(principal);
    const key = holderKey(holder);
    return new Observable<MessageEvent>((subscriber) => {
      const release = this.streams.add(holder, (reason) => {
        subscriber.next(accessRevoked(reason));
        subscriber.complete();
      });
      this.heartbeat ??= heartbeat$.subscribe(() => this.onHeartbeat());
      if (this.changedLately(key, holder.accountId)) this.check([key]);
      const source = messages.subscribe({
        next: (message) => subscriber.next(message),
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
      return () => {
        source.unsubscribe();
        release();
        if (!this.streams.size) {
          this.heartbeat?.unsubscribe();
          this.heartbeat = null;
        }
      };
    });
  }

  /** Open streams in this process. */
  get openCount(): number {
    return this.streams.size;
  }

  /** Checks every open stream of this process, as the slow beat does; resolves once checked. */
  async recheckAll(): Promise<void> {
    this.check(this.streams.keys());
    while (this.checking) await this.checking;
  }

  @OnDomainEvent('user.removed')
  onUserRemoved(event: DomainEventMap['user.removed']): Promise<void> {
    return this.announce({ kind: 'user', id: event.userId });
  }

  @OnDomainEvent('user.role_changed')
  async onRoleChanged(event: DomainEventMap['user.role_changed']): Promise<void> {
    if (!STREAM_ROLES.includes(event.to)) await this.announce({ kind: 'user', id: event.userId });
  }

  @OnDomainEvent('api_key.revoked')
  onApiKeyRevoked(event: DomainEventMap['api_key.revoked']): Promise<void> {
    return this.announce({ kind: 'api_key', id: event.apiKeyId });
  }

  /** Sent in the change's own transaction: it goes out at commit, and never for a change rolled back. */
  private announce(holder: Pick<StreamHolder, 'kind' | 'id'>): Promise<void> {
    const manager = this.tenant.accountId() ? this.tenant.manager() : undefined;
    return this.signals.publish(STREAM_ACCESS_CHANNEL, holderKey(holder), manager);
  }

  private onHeartbeat(): void {
    this.heartbeats += 1;
    if (this.heartbeats % RECHECK_EVERY_HEARTBEATS === 0) void this.recheckAll();
  }

  /** `subject` (a holder key, an account id or everyone) may have lost access: remember it a while and check `keys`. */
  private changed(subject: string, keys: string[]): void {
    const now = Date.now();
    this.recentChanges.delete(subject);
    this.recentChanges.set(subject, now);
    for (const [old, at] of this.recentChanges) {
      if (now - at < RECENT_CHANGE_MS) break;
      this.recentChanges.delete(old);
    }
    this.check(keys);
  }

  private changedLately(key: string, accountId: string): boolean {
    const since = Date.now() - RECENT_CHANGE_MS;
    return [key, accountId, EVERYONE].some((subject) => (this.recentChanges.get(subject) ?? 0) > since);
  }

  /**
   * Queues holders for a check. One check runs at a time, over everything queued, after the
   * current tick: the signal's other handlers (the entitlements cache) have run by then.
   */
  private check(keys: Iterable<string>): void {
    for (const key of keys) this.pending.add(key);
    if (this.checking || !this.pending.size) return;
    this.checking = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.runCheck())
      .finally(() => {
        this.checking = null;
        if (this.pending.size) this.check([]);
      });
  }

  private async runCheck(): Promise<void> {
    const holders = [...this.pending].map((key) => this.streams.holder(key)).filter((holder) => holder !== undefined);
    this.pending = new Set();
    if (!holders.length) return;
    // Streams registered while the check reads were authorised after it began: the verdict is not theirs.
    const registeredBefore = this.streams.sequence;
    try {
      for (const [key, reason] of await this.revocations(holders)) {
        const ended = this.streams.end(key, reason, registeredBefore);
        if (ended) this.logger.log({ holder: key, reason, streams: ended }, 'Live streams ended: access revoked');
      }
    } catch (error) {
      // A failed check ends nothing; the next signal or slow beat checks again.
      this.logger.error({ err: (error as Error).message, holders: holders.length }, 'Could not check live stream access');
    }
  }

  /** The holders who may no longer follow the stream, and why: the route's own rules, read again. */
  private async revocations(holders: StreamHolder[]): Promise<Map<string, StreamRevocationReason>> {
    const idsOf = (kind: StreamHolder['kind']) => holders.filter((holder) => holder.kind === kind).map((holder) => holder.id);
    const rows = await this.holders.standingOf(idsOf('user'), idsOf('api_key'));
    const standing = new Map(rows.map((row) => [holderKey(row), row]));
    const revoked = new Map<string, StreamRevocationReason>();
    const allowed: StreamHolder[] = [];
    for (const holder of holders) {
      const key = holderKey(holder);
      const row = standing.get(key);
      if (!row?.active || row.accountId !== holder.accountId) revoked.set(key, holder.kind === 'user' ? 'member_removed' : 'api_key_revoked');
      else if (!STREAM_ROLES.includes(row.role)) revoked.set(key, 'role_not_allowed');
      else allowed.push(holder);
    }
    const accounts = [...new Set(allowed.map((holder) => holder.accountId))];
    const access = await Promise.all(accounts.map((accountId) => this.billing.accessFor(accountId)));
    const lapsed = new Set(accounts.filter((_, i) => !access[i]!.allowed));
    for (const holder of allowed) if (lapsed.has(holder.accountId)) revoked.set(holderKey(holder), 'subscription_required');
    return revoked;
  }
}

function accessRevoked(reason: StreamRevocationReason): MessageEvent {
  const data: StreamAccessRevokedEvent = { reason };
  return { type: STREAM_ACCESS_REVOKED, data };
}
