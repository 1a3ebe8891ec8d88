import { computed, DestroyRef, effect, inject, Injectable, InjectionToken, signal, untracked } from '@angular/core';
import type {
  HandoffAssessmentReadyEvent,
  HandoffClaimedEvent,
  HandoffClosedEvent,
  HandoffCreatedEvent,
  NotificationCreatedEvent,
} from '@resolutionflow/contracts';
import type { STREAM_ACCESS_REVOKED } from '@resolutionflow/contracts';
import { filter, map, Observable, Subject } from 'rxjs';

import { AuthStore } from '../auth/auth-store.service';
import { AuthorizedFetch } from './authorized-fetch.service';
import { SseParser, type SseMessage } from './sse-parser';

/** Payloads of the account's live stream, by event name. */
export interface LiveEventPayloads {
  ready: { accountId: string; resumedFrom: string | null };
  handoff_created: HandoffCreatedEvent;
  handoff_claimed: HandoffClaimedEvent;
  handoff_assessment_ready: HandoffAssessmentReadyEvent;
  handoff_closed: HandoffClosedEvent;
  notification_created: NotificationCreatedEvent;
}
export type LiveEventName = keyof LiveEventPayloads;
export type LiveEvent = { [K in LiveEventName]: { readonly type: K; readonly id: string | null; readonly data: LiveEventPayloads[K] } }[LiveEventName];

const NAMES: ReadonlySet<string> = new Set<LiveEventName>([
  'ready',
  'handoff_created',
  'handoff_claimed',
  'handoff_assessment_ready',
  'handoff_closed',
  'notification_created',
]);

/**
 * `idle`: not connected and not trying (signed out, or a viewer); `connecting`: first attempt;
 * `open`: the server said `ready`; `reconnecting`: waiting or trying again after a drop;
 * `offline`: the browser says there is no network (we try again when it comes back);
 * `unavailable`: the server refuses this person the stream (role or subscription), or ended it
 * because they lost access while connected.
 */
export type LiveStatus = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'offline' | 'unavailable';

export interface LiveStreamSettings {
  /** Ceiling of the first retry; doubles per failed attempt up to `maxDelayMs`. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** The server sends a heartbeat every 20 s; this long without a byte means the line is dead. */
  readonly idleTimeoutMs: number;
  readonly random: () => number;
}

export const LIVE_STREAM_SETTINGS = new InjectionToken<LiveStreamSettings>('LIVE_STREAM_SETTINGS', {
  providedIn: 'root',
  factory: () => ({ initialDelayMs: 1_000, maxDelayMs: 30_000, idleTimeoutMs: 45_000, random: Math.random }),
});

export const LIVE_STREAM_PATH = '/ai-sessions/escalations/stream';

/**
 * The server's last event when this person loses access mid-stream. Checked against the contract
 * by type only: importing a value from the contracts would pull them into the initial bundle.
 */
const ACCESS_REVOKED: typeof STREAM_ACCESS_REVOKED = 'access_revoked';

/**
 * Wait before reconnect attempt `attempt` (1-based): exponential with "equal jitter", between
 * half and all of the ceiling, so a server restart is not met by every browser at the same instant.
 */
export function reconnectDelay(attempt: number, settings: Pick<LiveStreamSettings, 'initialDelayMs' | 'maxDelayMs'>, random: number): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.initialDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random * (ceiling / 2));
}

type Outcome = 'ended' | 'signed-out' | 'refused';

/**
 * The one connection to the account's live stream (`GET /ai-sessions/escalations/stream`), for
 * every screen: it connects while someone who may use it is signed in, resumes with
 * `Last-Event-ID` after a drop so nothing is missed, backs off with jitter, and waits for the
 * network when the browser is offline. Screens read `status` and subscribe to `on(name)`.
 */
@Injectable({ providedIn: 'root' })
export class LiveStream {
  private readonly auth = inject(AuthStore);
  private readonly http = inject(AuthorizedFetch);
  private readonly settings = inject(LIVE_STREAM_SETTINGS);

  private readonly state = signal<LiveStatus>('idle');
  private readonly lastId = signal<string | null>(null);
  private readonly events = new Subject<LiveEvent>();

  readonly status = this.state.asReadonly();
  /** The id of the last event received: where a reconnect resumes. */
  readonly lastEventId = this.lastId.asReadonly();
  readonly live = computed(() => this.state() === 'open');
  /** Every event, in order. */
  readonly events$: Observable<LiveEvent> = this.events.asObservable();

  private userId: string | null = null;
  private generation = 0;
  private controller: AbortController | null = null;
  private wake: (() => void) | null = null;
  private online = typeof navigator === 'undefined' || navigator.onLine !== false;

  constructor() {
    const onOnline = () => this.wentOnline();
    const onOffline = () => this.wentOffline();
    if (typeof window !== 'undefined') {
      window.addEventListener('online', onOnline);
      window.addEventListener('offline', onOffline);
    }
    inject(DestroyRef).onDestroy(() => {
      if (typeof window !== 'undefined') {
        window.removeEventListener('online', onOnline);
        window.removeEventListener('offline', onOffline);
      }
      this.stop();
    });
    // Viewers are refused the stream by the API, so they are not connected at all.
    effect(() => {
      const me = this.auth.me();
      const who = this.auth.signedIn() && me && me.role !== 'viewer' ? me.id : null;
      untracked(() => (who ? this.start(who) : this.stop()));
    });
  }

  /** The payloads of one event type. */
  on<K extends LiveEventName>(name: K): Observable<LiveEventPayloads[K]> {
    return this.events$.pipe(
      filter((event): event is Extract<LiveEvent, { type: K }> => event.type === name),
      map((event) => event.data as LiveEventPayloads[K]),
    );
  }

  private start(userId: string): void {
    if (this.userId === userId && this.state() !== 'idle' && this.state() !== 'unavailable') return;
    this.stop();
    // Another person's resume point means nothing for this one.
    if (this.userId !== userId) this.lastId.set(null);
    this.userId = userId;
    const generation = ++this.generation;
    void this.run(generation);
  }

  private stop(): void {
    this.generation += 1;
    this.controller?.abort();
    this.controller = null;
    this.wakeUp();
    this.state.set('idle');
  }

  private async run(generation: number): Promise<void> {
    let attempt = 0;
    while (generation === this.generation) {
      if (!this.online) {
        this.state.set('offline');
        await this.pause(null);
        attempt = 0;
        continue;
      }
      this.state.set(this.state() === 'idle' ? 'connecting' : 'reconnecting');
      let outcome: Outcome | 'failed';
      try {
        outcome = await this.connect(generation, () => (attempt = 0));
      } catch {
        outcome = 'failed';
      }
      if (generation !== this.generation) return;
      if (outcome === 'signed-out' || outcome === 'refused') {
        this.state.set(outcome === 'refused' ? 'unavailable' : 'idle');
        return;
      }
      if (!this.online) continue;
      attempt += 1;
      this.state.set('reconnecting');
      await this.pause(reconnectDelay(attempt, this.settings, this.settings.random()));
    }
  }

  /** One connection, read until it ends; `opened` is called when the server says `ready`. */
  private async connect(generation: number, opened: () => void): Promise<Outcome> {
    const controller = new AbortController();
    this.controller = controller;
    const headers: Record<string, string> = { Accept: 'text/event-stream' };
    const resumeFrom = this.lastId();
    if (resumeFrom) headers['Last-Event-ID'] = resumeFrom;
    const response = await this.http.fetch(LIVE_STREAM_PATH, { headers, signal: controller.signal, cache: 'no-store' });
    // The fetch already refreshed once: still signed in means a fresh token was refused too, so back off.
    if (response.status === 401 && !this.auth.signedIn()) return 'signed-out';
    if (response.status === 402 || response.status === 403) return 'refused';
    if (!response.ok || !response.body) throw new Error(`The live stream answered ${response.status}`);

    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    const parser = new SseParser(resumeFrom);
    let idle = setTimeout(() => controller.abort(), this.settings.idleTimeoutMs);
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done || generation !== this.generation) return 'ended';
        clearTimeout(idle);
        idle = setTimeout(() => controller.abort(), this.settings.idleTimeoutMs);
        for (const message of parser.push(decoder.decode(value, { stream: true }))) {
          if (generation !== this.generation) return 'ended';
          // Removed, demoted, or the subscription lapsed: a reconnect would only be refused.
          if (message.event === ACCESS_REVOKED) return 'refused';
          this.deliver(message, opened);
        }
      }
    } finally {
      clearTimeout(idle);
      reader.cancel().catch(() => undefined);
      if (this.controller === controller) this.controller = null;
    }
  }

  private deliver(message: SseMessage, opened: () => void): void {
    if (message.id) this.lastId.set(message.id);
    if (!NAMES.has(message.event)) return;
    let data: unknown;
    try {
      data = JSON.parse(message.data);
    } catch {
      return;
    }
    if (message.event === 'ready') {
      this.state.set('open');
      opened();
    }
    this.events.next({ type: message.event, id: message.id, data } as LiveEvent);
  }

  /** Sleeps `ms` (or until woken, when null); a network coming back or a stop wakes it early. */
  private pause(ms: number | null): Promise<void> {
    return new Promise((resolve) => {
      const timer = ms === null ? undefined : setTimeout(done, ms);
      const self = this;
      function done(): void {
        clearTimeout(timer);
        if (self.wake === done) self.wake = null;
        resolve();
      }
      this.wake = done;
    });
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private wentOffline(): void {
    this.online = false;
    // A dead network can leave a read hanging for minutes; drop it now and wait for `online`.
    this.controller?.abort();
  }

  private wentOnline(): void {
    this.online = true;
    this.wakeUp();
  }
}
