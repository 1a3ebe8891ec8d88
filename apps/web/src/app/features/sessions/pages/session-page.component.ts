import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  Injector,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Router } from '@angular/router';
import type { Handoff, ResolvedSession, SessionDetail, SessionStep, SessionSummary, SuggestedFix } from '@resolutionflow/contracts';
import { filter, firstValueFrom } from 'rxjs';

import { describeError, toApiError } from '../../../core/api/api-error';
import { LOADING, type LoadState } from '../../../core/api/load-state';
import { AuthStore } from '../../../core/auth/auth-store.service';
import { LiveStream } from '../../../core/live/live-stream.service';
import { ToastService } from '../../../core/toast/toast.service';
import { AlertComponent } from '../../../shared/alert/alert.component';
import { ButtonComponent } from '../../../shared/button/button.component';
import { CardComponent } from '../../../shared/card/card.component';
import { injectNow } from '../../../shared/format/clock';
import { formatDateTime } from '../../../shared/format/date-format';
import { timeAgo } from '../../../shared/format/time-ago';
import { LoadStatusComponent } from '../../../shared/load-status/load-status.component';
import { SpinnerComponent } from '../../../shared/spinner/spinner.component';
import { StatusPillComponent } from '../../../shared/status-pill/status-pill.component';
import { alreadyClaimedMessage, type PickupContext } from '../../escalations/pickup-context';
import { PickupContextStore } from '../../escalations/pickup-context.store';
import { ChatStream } from '../chat-stream.service';
import { ComposerComponent, MESSAGE_MAX_LENGTH } from '../components/composer.component';
import { ConcludeDialogComponent } from '../components/conclude-dialog.component';
import { EscalateDialogComponent } from '../components/escalate-dialog.component';
import { FixBannerComponent, type OutcomeChoice } from '../components/fix-banner.component';
import { PickupPanelComponent } from '../components/pickup-panel.component';
import { PsaTicketComponent } from '../components/psa-ticket.component';
import { fixBanners } from '../fix-banner-mode';
import { SessionListStore } from '../session-list.store';
import { sessionStatusView } from '../session-status';
import { SessionsApi } from '../sessions-api.service';
import { SuggestedStepChips } from '../suggested-step-chips';

/** The exchange being written: the engineer's message and the reply as it streams in. */
interface Exchange {
  readonly message: string;
  readonly reply: string;
}

function psaOutcome(result: ResolvedSession): string {
  const { psa } = result;
  switch (psa.status) {
    case 'queued':
      return `Resolved. The resolution note is being added to ticket #${psa.ticketId}.`;
    case 'not_connected':
      return `Resolved. Ticket #${psa.ticketId} is linked, but ConnectWise is not connected, so no note was added.`;
    case 'failed':
      return `Resolved, but the note could not be added to ticket #${psa.ticketId}: ${psa.message ?? 'ConnectWise failed'}.`;
    default:
      return 'Resolved.';
  }
}

/** Why a message did not go through; a rejected message is only ever too long (the composer sends no blank ones). */
function chatErrorMessage(error: unknown): string {
  if (toApiError(error).code === 'validation_failed') {
    return `Your message is longer than the ${MESSAGE_MAX_LENGTH.toLocaleString('en-US')} characters the assistant takes. Shorten it and send it again.`;
  }
  return describeError(error);
}

/**
 * One session: the conversation with the assistant (replies stream in), the open fixes as
 * banners, escalate / resolve / park, the PSA ticket — and with `?pickup=true` the pick-up
 * screen on top: the handoff, the live assessment and the claim.
 */
@Component({
  selector: 'app-session-page',
  imports: [
    AlertComponent,
    ButtonComponent,
    CardComponent,
    ComposerComponent,
    ConcludeDialogComponent,
    EscalateDialogComponent,
    FixBannerComponent,
    LoadStatusComponent,
    PickupPanelComponent,
    PsaTicketComponent,
    SpinnerComponent,
    StatusPillComponent,
  ],
  templateUrl: './session-page.component.html',
  styleUrl: './session-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SessionPageComponent {
  /** Route parameter. */
  readonly sessionId = input.required<string>();
  /** Query parameter: `true` opens the pick-up screen. */
  readonly pickup = input<string | undefined>(undefined);

  private readonly api = inject(SessionsApi);
  private readonly chat = inject(ChatStream);
  private readonly list = inject(SessionListStore);
  private readonly auth = inject(AuthStore);
  private readonly pickups = inject(PickupContextStore);
  private readonly toast = inject(ToastService);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly transcript = viewChild<ElementRef<HTMLElement>>('transcript');
  private readonly composer = viewChild(ComposerComponent);

  protected readonly now = injectNow();
  protected readonly state = signal<LoadState<SessionDetail>>(LOADING);
  protected readonly session = computed(() => {
    const state = this.state();
    return state.status === 'ok' ? state.value : null;
  });
  protected readonly meId = computed(() => this.auth.me()?.id ?? '');
  protected readonly isOwner = computed(() => this.session()?.ownerId === this.meId());
  protected readonly isClaimer = computed(() => !!this.session() && this.session()!.escalatedToId === this.meId());
  protected readonly canWork = computed(() => {
    const session = this.session();
    return !!session && this.auth.me()?.role !== 'viewer' && (this.isOwner() || this.isClaimer()) && session.status !== 'resolved';
  });
  protected readonly canEscalate = computed(() => this.canWork() && this.isOwner() && ['active', 'parked'].includes(this.session()!.status));
  protected readonly canPark = computed(() => this.canWork() && this.isOwner() && this.session()!.status === 'active');
  protected readonly status = computed(() => {
    const session = this.session();
    return session ? sessionStatusView(session, this.meId()) : null;
  });

  // Conversation
  protected readonly exchange = signal<Exchange | null>(null);
  protected readonly sending = signal(false);
  protected readonly chatError = signal<string | null>(null);
  protected readonly draft = signal('');

  // Fixes
  protected readonly banners = computed(() => {
    const session = this.session();
    return session && this.canWork() ? fixBanners(session.fixes, session.steps) : [];
  });
  protected readonly bannerBusy = signal<string | null>(null);
  protected readonly bannerError = signal<{ fixId: string; message: string } | null>(null);

  // Dialogs
  protected readonly escalating = signal(false);
  protected readonly concluding = signal(false);
  protected readonly parking = signal(false);

  // Pick-up
  protected readonly pickupMode = computed(() => this.pickup() === 'true');
  private readonly pickupState = signal<LoadState<PickupContext | null>>(LOADING);
  private readonly context = computed(() => this.pickups.all().get(this.sessionId()) ?? null);
  /** The handoff as loaded, kept current from the store (the live stream fills in assessment and claimer). */
  protected readonly pickupView = computed((): LoadState<PickupContext | null> => {
    const state = this.pickupState();
    return state.status === 'ok' ? { status: 'ok', value: this.context() ?? state.value } : state;
  });
  protected readonly claiming = signal(false);
  private pickupRequestedFor: string | null = null;
  private destroyed = false;
  private sendAbort: AbortController | null = null;
  protected readonly chips = new SuggestedStepChips();

  protected readonly formatDateTime = formatDateTime;

  constructor() {
    effect(() => {
      const id = this.sessionId();
      untracked(() => this.open(id));
    });

    effect(() => {
      const id = this.sessionId();
      if (this.pickupMode()) untracked(() => void this.loadPickup(id));
    });

    // Whoever picked the session up sees the assessment's suggested steps above the composer.
    effect(() => {
      const steps = this.isClaimer() ? (this.context()?.assessment?.suggestedSteps ?? []) : [];
      const id = this.sessionId();
      untracked(() => this.chips.show(id, steps));
    });

    // The claimer of a session may arrive without the pick-up screen (sidebar, reload): fetch the handoff for its chips.
    effect(() => {
      const session = this.session();
      if (!session || this.pickupMode() || !this.isClaimer() || session.status !== 'escalated') return;
      untracked(() => {
        if (this.context() || this.pickupRequestedFor === session.id) return;
        this.pickupRequestedFor = session.id;
        void this.loadPickup(session.id);
      });
    });

    const live = inject(LiveStream);
    live
      .on('handoff_claimed')
      .pipe(
        filter((event) => event.sessionId === this.sessionId()),
        takeUntilDestroyed(),
      )
      .subscribe(() => void this.refresh());
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      // The API stores the whole reply even when nobody reads it any more.
      this.sendAbort?.abort();
    });
  }

  private open(id: string): void {
    this.sendAbort?.abort();
    this.sendAbort = null;
    this.sending.set(false);
    this.state.set(LOADING);
    this.exchange.set(null);
    this.chatError.set(null);
    this.bannerError.set(null);
    this.draft.set('');
    void this.load(id);
  }

  private async load(id: string): Promise<void> {
    try {
      const session = await firstValueFrom(this.api.get(id));
      if (id === this.sessionId()) this.state.set({ status: 'ok', value: session });
    } catch (error) {
      if (id === this.sessionId()) this.state.set({ status: 'error', error: toApiError(error) });
    }
  }

  protected reload(): void {
    this.open(this.sessionId());
  }

  /** Reads the session again without blanking the page. */
  private async refresh(): Promise<void> {
    const id = this.sessionId();
    try {
      const session = await firstValueFrom(this.api.get(id));
      if (id === this.sessionId()) this.state.set({ status: 'ok', value: session });
    } catch {
      // What is shown stays; the next action or reload tries again.
    }
  }

  private async loadPickup(id: string): Promise<void> {
    const known = this.pickups.get(id);
    this.pickupState.set(known ? { status: 'ok', value: known } : LOADING);
    try {
      const context = await this.pickups.load(id, this.meId());
      if (id === this.sessionId()) this.pickupState.set({ status: 'ok', value: context });
    } catch (error) {
      if (id === this.sessionId() && !known) this.pickupState.set({ status: 'error', error: toApiError(error) });
    }
  }

  protected retryPickup(): void {
    void this.loadPickup(this.sessionId());
  }

  // Pick-up

  protected async pickUp(): Promise<void> {
    if (this.claiming()) return;
    const id = this.sessionId();
    this.claiming.set(true);
    try {
      const outcome = await this.pickups.claim(id);
      if (outcome.kind === 'lost') {
        this.toast.show(alreadyClaimedMessage(outcome.claimedBy?.name, outcome.claimedAt, new Date()), 'warning');
        await this.router.navigateByUrl('/escalations');
        return;
      }
      this.pickupState.set({ status: 'ok', value: this.pickups.get(id) ?? null });
      await Promise.all([this.refresh(), this.list.refresh()]);
      this.focusComposer();
    } catch (error) {
      this.toast.show(describeError(error), 'danger');
    } finally {
      this.claiming.set(false);
    }
  }

  protected async closePickup(): Promise<void> {
    await this.router.navigate(['/pilot', this.sessionId()]);
    this.focusComposer();
  }

  // Conversation

  protected authorOf(step: SessionStep): string {
    if (step.role === 'assistant') return 'Assistant';
    if (step.role === 'system') return 'Note';
    if (step.authorId === this.meId()) return 'You';
    const context = this.context();
    if (step.authorId && context?.escalatedBy.id === step.authorId) return context.escalatedBy.name;
    return step.authorId === this.session()?.ownerId ? 'Session owner' : 'Teammate';
  }

  protected ago(iso: string): string {
    return timeAgo(iso, this.now());
  }

  protected async send(message: string): Promise<void> {
    const session = this.session();
    if (!session || this.sending()) return;
    const chipsShown = this.chips.visible();
    let accepted = false;
    this.chatError.set(null);
    this.sending.set(true);
    this.exchange.set({ message, reply: '' });
    this.draft.set('');
    this.scrollToEnd();
    const abort = new AbortController();
    this.sendAbort = abort;
    try {
      await this.chat.send(session.id, message, {
        onAccepted: () => {
          accepted = true;
          if (chipsShown) this.chips.sent();
        },
        onDelta: (text) => {
          this.exchange.update((current) => (current ? { ...current, reply: current.reply + text } : current));
          this.scrollToEnd();
        },
        signal: abort.signal,
      });
    } catch (error) {
      if (!abort.signal.aborted) this.chatError.set(chatErrorMessage(error));
    }
    // Left for another session or page meanwhile: that one is not this exchange's to update.
    if (abort.signal.aborted) return;
    this.sendAbort = null;
    if (!accepted) {
      // Nothing was stored: the message goes back to the composer, ahead of anything typed since.
      this.draft.update((typed) => (typed.trim() ? `${message}\n\n${typed}` : message));
      this.exchange.set(null);
      this.sending.set(false);
      this.focusComposer();
      return;
    }
    // The stored steps (and any fixes the assistant proposed) replace the streamed copy.
    await this.refresh();
    this.exchange.set(null);
    this.sending.set(false);
    const latest = this.session();
    if (latest) this.list.upsert(latest);
    this.scrollToEnd();
  }

  protected dismissChips(): void {
    this.chips.dismiss();
    this.focusComposer();
  }

  // Fixes

  protected async recordOutcome(fix: SuggestedFix, choice: OutcomeChoice): Promise<void> {
    if (this.bannerBusy()) return;
    this.bannerBusy.set(fix.id);
    this.bannerError.set(null);
    try {
      const changed = await firstValueFrom(this.api.recordOutcome(fix.sessionId, fix.id, choice));
      const { sessionStateVersion, ...updated } = changed;
      this.patchSession((session) => ({
        ...session,
        stateVersion: sessionStateVersion,
        fixes: session.fixes.map((existing) => (existing.id === updated.id ? updated : existing)),
      }));
    } catch (error) {
      this.bannerError.set({ fixId: fix.id, message: describeError(error) });
    } finally {
      this.bannerBusy.set(null);
    }
  }

  protected bannerErrorFor(fixId: string): string | null {
    const error = this.bannerError();
    return error?.fixId === fixId ? error.message : null;
  }

  // Escalate, resolve, park, ticket

  protected async escalated(_handoff: Handoff): Promise<void> {
    this.escalating.set(false);
    this.toast.show('Escalated. Your team has been told; you will be notified when someone picks it up.', 'success');
    await Promise.all([this.refresh(), this.list.refresh()]);
  }

  protected concluded(result: ResolvedSession): void {
    this.concluding.set(false);
    this.state.set({ status: 'ok', value: result.session });
    this.list.upsert(result.session);
    this.toast.show(psaOutcome(result), result.psa.status === 'failed' ? 'warning' : 'success');
  }

  protected async park(): Promise<void> {
    const session = this.session();
    if (!session || this.parking()) return;
    this.parking.set(true);
    try {
      const parked = await firstValueFrom(this.api.park(session.id));
      this.state.set({ status: 'ok', value: parked });
      this.list.upsert(parked);
      this.toast.show('Parked. Write in it again to pick it back up.', 'success');
    } catch (error) {
      this.toast.show(describeError(error), 'danger');
    } finally {
      this.parking.set(false);
    }
  }

  protected ticketChanged(summary: SessionSummary): void {
    this.patchSession((session) => ({ ...session, ...summary }));
    this.list.upsert(summary);
  }

  private patchSession(change: (session: SessionDetail) => SessionDetail): void {
    const state = this.state();
    if (state.status === 'ok') this.state.set({ status: 'ok', value: change(state.value) });
  }

  private focusComposer(): void {
    if (this.destroyed) return;
    afterNextRender(() => this.composer()?.focus(), { injector: this.injector });
  }

  private scrollToEnd(): void {
    if (this.destroyed) return;
    afterNextRender(
      () => {
        const element = this.transcript()?.nativeElement;
        if (element) element.scrollTop = element.scrollHeight;
      },
      { injector: this.injector },
    );
  }
}
