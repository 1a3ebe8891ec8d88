import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Title } from '@angular/platform-browser';
import { Router } from '@angular/router';
import type { EscalationQueueItem } from '@resolutionflow/contracts';
import { firstValueFrom } from 'rxjs';

import { ApiError, describeError, toApiError } from '../../../core/api/api-error';
import { LOADING, type LoadState } from '../../../core/api/load-state';
import { AuthStore } from '../../../core/auth/auth-store.service';
import { LiveStream } from '../../../core/live/live-stream.service';
import { ToastService } from '../../../core/toast/toast.service';
import { injectNow } from '../../../shared/format/clock';
import { LoadStatusComponent } from '../../../shared/load-status/load-status.component';
import { PageHeaderComponent } from '../../../shared/page-header/page-header.component';
import { StatusPillComponent, type StatusTone } from '../../../shared/status-pill/status-pill.component';
import { SessionListStore } from '../../sessions/session-list.store';
import { EscalationCardComponent } from '../components/escalation-card.component';
import { EscalationSeenStore, escalationKey } from '../escalation-seen.store';
import { HandoffsApi } from '../handoffs-api.service';
import { alreadyClaimedMessage, contextFromQueueItem } from '../pickup-context';
import { PickupContextStore } from '../pickup-context.store';
import { applyClaimed, applyClosed, applyCreated, sortQueue } from '../queue-updates';
import { queueTitle } from '../queue-title';

export const QUEUE_TITLE = 'Escalations · ResolutionFlow';
const FLASH_EVERY_MS = 1_200;

const LIVE_LABELS: Record<string, { label: string; tone: StatusTone }> = {
  open: { label: 'Live', tone: 'ok' },
  connecting: { label: 'Connecting…', tone: 'neutral' },
  reconnecting: { label: 'Reconnecting…', tone: 'warning' },
  offline: { label: 'Offline', tone: 'danger' },
  unavailable: { label: 'Not live', tone: 'neutral' },
  idle: { label: 'Not live', tone: 'neutral' },
};

function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/**
 * The escalation queue, live: a teammate's escalation slides in at the top without a reload,
 * unread cards carry a dot until opened or claimed, and the tab title flashes while new ones
 * are unseen. Pick Up claims; losing the race says who won.
 */

type QueueChange = (items: readonly EscalationQueueItem[]) => readonly EscalationQueueItem[];

@Component({
  selector: 'app-escalation-queue-page',
  imports: [EscalationCardComponent, LoadStatusComponent, PageHeaderComponent, StatusPillComponent],
  templateUrl: './escalation-queue-page.component.html',
  styleUrl: './escalation-queue-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EscalationQueuePageComponent {
  private readonly api = inject(HandoffsApi);
  private readonly auth = inject(AuthStore);
  private readonly seen = inject(EscalationSeenStore);
  private readonly pickups = inject(PickupContextStore);
  private readonly sessions = inject(SessionListStore);
  private readonly toast = inject(ToastService);
  private readonly router = inject(Router);
  private readonly title = inject(Title);
  private readonly live = inject(LiveStream);

  protected readonly now = injectNow();
  protected readonly state = signal<LoadState<readonly EscalationQueueItem[]>>(LOADING);
  protected readonly items = computed(() => {
    const state = this.state();
    return state.status === 'ok' ? state.value : [];
  });
  protected readonly meId = computed(() => this.auth.me()?.id ?? '');
  /** Keys of the cards that arrived live while this page was open. */
  private readonly arrived = signal<ReadonlySet<string>>(new Set());
  protected readonly expanded = signal<string | null>(null);
  protected readonly claiming = signal<string | null>(null);
  protected readonly announcement = signal('');
  protected readonly liveLabel = computed(() => LIVE_LABELS[this.live.status()] ?? LIVE_LABELS['idle']!);
  protected readonly unseenArrivals = computed(() => this.items().filter((item) => this.isFresh(item) && this.isUnseen(item)).length);
  private readonly phase = signal(false);
  /** Live events that came while the list was still loading, applied once it is there. */
  private early: QueueChange[] = [];
  /** Live events that came during a quiet reload, applied again to its answer. */
  private during: QueueChange[] | null = null;

  protected readonly key = escalationKey;

  constructor() {
    void this.load();
    this.followLiveEvents();

    const reducedMotion = prefersReducedMotion();
    const flashing = setInterval(() => {
      if (this.unseenArrivals() > 0 && !reducedMotion) this.phase.update((on) => !on);
    }, FLASH_EVERY_MS);
    effect(() => this.title.setTitle(queueTitle(QUEUE_TITLE, this.unseenArrivals(), this.phase(), reducedMotion)));
    inject(DestroyRef).onDestroy(() => {
      clearInterval(flashing);
      this.title.setTitle(QUEUE_TITLE);
    });
  }

  protected async load(): Promise<void> {
    this.state.set(LOADING);
    try {
      let items: readonly EscalationQueueItem[] = await firstValueFrom(this.api.queue());
      for (const change of this.early.splice(0)) items = change(items);
      this.state.set({ status: 'ok', value: sortQueue(items) });
    } catch (error) {
      this.state.set({ status: 'error', error: toApiError(error) });
    }
  }

  /**
   * Reads the queue again behind the shown list, replaying the live events that arrive meanwhile.
   * After the stream resumes from a drop: its replay of what was missed is bounded, a read is not.
   */
  private async reloadQuietly(): Promise<void> {
    if (this.state().status !== 'ok' || this.during) return;
    const during: QueueChange[] = (this.during = []);
    try {
      let items: readonly EscalationQueueItem[] = await firstValueFrom(this.api.queue());
      for (const change of during) items = change(items);
      this.state.set({ status: 'ok', value: sortQueue(items) });
    } catch {
      // The shown list stays, kept current by the stream; the next resume reads again.
    } finally {
      this.during = null;
    }
  }

  private followLiveEvents(): void {
    this.live
      .on('ready')
      .pipe(takeUntilDestroyed())
      .subscribe((ready) => {
        if (ready.resumedFrom !== null) void this.reloadQuietly();
      });
    this.live
      .on('handoff_created')
      .pipe(takeUntilDestroyed())
      .subscribe((card) => {
        // My own escalations are not mine to pick up.
        if (card.escalatedBy.id === this.meId()) return;
        this.arrived.update((keys) => new Set(keys).add(escalationKey(card)));
        this.change((items) => applyCreated(items, card));
        this.announcement.set(`New escalation from ${card.escalatedBy.name}: ${card.problemSummary}`);
      });
    this.live
      .on('handoff_claimed')
      .pipe(takeUntilDestroyed())
      .subscribe((event) => this.change((items) => applyClaimed(items, event)));
    this.live
      .on('handoff_closed')
      .pipe(takeUntilDestroyed())
      .subscribe((event) => {
        const card = this.items().find((item) => item.sessionId === event.sessionId && item.handoffId === event.handoffId);
        this.change((items) => applyClosed(items, event));
        if (card) this.announcement.set(`${card.escalatedBy.name} resolved “${card.problemSummary}” before anyone picked it up`);
      });
    this.live
      .on('handoff_assessment_ready')
      .pipe(takeUntilDestroyed())
      .subscribe((event) =>
        this.change((items) =>
          items.map((item) =>
            item.handoffId === event.handoffId
              ? { ...item, assessmentStatus: event.assessmentStatus, confidenceTier: event.assessment?.confidenceTier ?? item.confidenceTier }
              : item,
          ),
        ),
      );
  }

  private change(update: QueueChange): void {
    const state = this.state();
    if (state.status === 'ok') {
      this.state.set({ status: 'ok', value: sortQueue(update(state.value)) });
      this.during?.push(update);
    } else {
      this.early.push(update);
    }
  }

  protected isUnseen(item: EscalationQueueItem): boolean {
    return !item.claimedBy && !this.seen.isSeen(escalationKey(item));
  }

  protected isFresh(item: EscalationQueueItem): boolean {
    return this.arrived().has(escalationKey(item));
  }

  /** Opening a card (one at a time) counts as having seen it; hovering does not. */
  protected toggle(item: EscalationQueueItem): void {
    const key = escalationKey(item);
    this.seen.markSeen(key);
    this.expanded.update((open) => (open === key ? null : key));
  }

  protected async pickUp(item: EscalationQueueItem): Promise<void> {
    const key = escalationKey(item);
    if (this.claiming()) return;
    this.seen.markSeen(key);
    this.claiming.set(key);
    this.pickups.remember(contextFromQueueItem(item));
    try {
      const outcome = await this.pickups.claim(item.sessionId);
      if (outcome.kind === 'lost') {
        this.toast.show(alreadyClaimedMessage(outcome.claimedBy?.name, outcome.claimedAt, new Date()), 'warning');
        if (outcome.claimedBy) {
          const claimedBy = outcome.claimedBy;
          this.change((items) =>
            applyClaimed(items, { handoffId: item.handoffId ?? '', sessionId: item.sessionId, claimedBy, claimedAt: outcome.claimedAt ?? '' }),
          );
        }
        return;
      }
      void this.sessions.refresh();
      await this.router.navigate(['/pilot', item.sessionId], { queryParams: { pickup: 'true' } });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'handoff_closed') {
        // A card the stream did not get to drop in time: the session was resolved first.
        this.toast.show(`${item.escalatedBy.name} resolved this before anyone picked it up.`, 'warning');
        this.change((items) => applyClosed(items, { sessionId: item.sessionId, handoffId: item.handoffId ?? '' }));
        return;
      }
      this.toast.show(describeError(error), 'danger');
    } finally {
      this.claiming.set(null);
    }
  }
}
