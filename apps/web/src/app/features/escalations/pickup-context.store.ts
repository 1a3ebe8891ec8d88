import { DestroyRef, effect, inject, Injectable, signal, untracked } from '@angular/core';
import type { Handoff, PersonRef } from '@resolutionflow/contracts';
import { firstValueFrom } from 'rxjs';

import { ApiError, toApiError } from '../../core/api/api-error';
import { AuthStore } from '../../core/auth/auth-store.service';
import { LiveStream } from '../../core/live/live-stream.service';
import { HandoffsApi } from './handoffs-api.service';
import { contextFromHandoff, contextFromQueueItem, type PickupContext } from './pickup-context';

export type ClaimOutcome =
  | { readonly kind: 'claimed'; readonly handoff: Handoff }
  | { readonly kind: 'lost'; readonly claimedBy: PersonRef | null; readonly claimedAt: string | null };

function lostDetails(error: unknown): { claimedBy: PersonRef | null; claimedAt: string | null } | null {
  if (!(error instanceof ApiError) || error.code !== 'handoff_already_claimed') return null;
  const details = error.details ?? {};
  const by = details['claimedBy'] as Partial<PersonRef> | undefined;
  return {
    claimedBy: by && typeof by.name === 'string' ? { id: String(by.id ?? ''), name: by.name } : null,
    claimedAt: typeof details['claimedAt'] === 'string' ? details['claimedAt'] : null,
  };
}

/**
 * Open escalations as the pick-up screen shows them, by session. Kept current by the live stream:
 * the assessment fills in when `handoff_assessment_ready` arrives, the claimer when
 * `handoff_claimed` does — whichever screen is open. They are the signed-in person's: forgotten
 * when someone else signs in.
 */
@Injectable({ providedIn: 'root' })
export class PickupContextStore {
  private readonly api = inject(HandoffsApi);
  private readonly contexts = signal<ReadonlyMap<string, PickupContext>>(new Map());

  readonly all = this.contexts.asReadonly();

  constructor() {
    const auth = inject(AuthStore);
    let owner: string | null | undefined;
    effect(() => {
      const who = auth.signedIn() ? (auth.me()?.id ?? null) : null;
      if (owner !== undefined && who !== owner) untracked(() => this.contexts.set(new Map()));
      owner = who;
    });
    const live = inject(LiveStream);
    const subscriptions = [
      live.on('handoff_assessment_ready').subscribe((event) =>
        this.patch(event.sessionId, event.handoffId, { assessmentStatus: event.assessmentStatus, assessment: event.assessment }),
      ),
      live.on('handoff_claimed').subscribe((event) =>
        this.patch(event.sessionId, event.handoffId, { claimedBy: event.claimedBy, claimedAt: event.claimedAt }),
      ),
      live.on('handoff_created').subscribe((card) => this.remember(contextFromQueueItem(card))),
    ];
    inject(DestroyRef).onDestroy(() => subscriptions.forEach((s) => s.unsubscribe()));
  }

  get(sessionId: string): PickupContext | undefined {
    return this.contexts().get(sessionId);
  }

  remember(context: PickupContext): void {
    const known = this.get(context.sessionId);
    // A queue card knows less than a claim answer about the same handoff: keep the assessment.
    const merged =
      known && known.handoffId === context.handoffId && !context.assessment && known.assessment
        ? { ...context, assessment: known.assessment, assessmentStatus: known.assessmentStatus }
        : context;
    this.contexts.update((map) => new Map(map).set(context.sessionId, merged));
  }

  /**
   * The session's open escalation, read directly (a busy queue may not list it in its first page).
   * Null when nothing is waiting for me: no escalation, a closed one, or one I raised myself.
   */
  async load(sessionId: string, meId: string): Promise<PickupContext | null> {
    const handoff = await this.currentHandoff(sessionId);
    if (!handoff) return this.loadLegacy(sessionId);
    if (handoff.intent !== 'escalate' || handoff.closedAt || handoff.escalatedBy.id === meId) return null;
    this.remember(contextFromHandoff(handoff));
    return this.get(sessionId) ?? null;
  }

  private async currentHandoff(sessionId: string): Promise<Handoff | null> {
    try {
      return await firstValueFrom(this.api.current(sessionId));
    } catch (error) {
      if (toApiError(error).statusCode === 404) return null;
      throw error;
    }
  }

  /** An escalation requested before handoffs existed has no handoff to read: the queue still lists it. */
  private async loadLegacy(sessionId: string): Promise<PickupContext | null> {
    const item = (await firstValueFrom(this.api.queue())).find((candidate) => candidate.sessionId === sessionId && !candidate.handoffId);
    if (!item) return null;
    this.remember(contextFromQueueItem(item));
    return this.get(sessionId) ?? null;
  }

  /** Claims the session's escalation; losing the race is an answer, not an error. */
  async claim(sessionId: string): Promise<ClaimOutcome> {
    const context = this.get(sessionId);
    try {
      const handoff = await firstValueFrom(
        context?.handoffId ? this.api.claim(sessionId, context.handoffId) : this.api.pickup(sessionId),
      );
      this.remember(contextFromHandoff(handoff));
      return { kind: 'claimed', handoff };
    } catch (error) {
      const lost = lostDetails(error);
      if (!lost) throw error;
      if (context) this.remember({ ...context, claimedBy: lost.claimedBy, claimedAt: lost.claimedAt });
      return { kind: 'lost', ...lost };
    }
  }

  private patch(sessionId: string, handoffId: string, change: Partial<PickupContext>): void {
    const known = this.get(sessionId);
    if (!known || (known.handoffId && known.handoffId !== handoffId)) return;
    this.contexts.update((map) => new Map(map).set(sessionId, { ...known, ...change }));
  }
}
