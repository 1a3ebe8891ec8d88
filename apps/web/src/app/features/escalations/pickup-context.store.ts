import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import type { Handoff, PersonRef } from '@resolutionflow/contracts';
import { firstValueFrom } from 'rxjs';

import { ApiError } from '../../core/api/api-error';
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
 * `handoff_claimed` does — whichever screen is open.
 */
@Injectable({ providedIn: 'root' })
export class PickupContextStore {
  private readonly api = inject(HandoffsApi);
  private readonly contexts = signal<ReadonlyMap<string, PickupContext>>(new Map());

  readonly all = this.contexts.asReadonly();

  constructor() {
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
   * Finds the session's open escalation in the queue. When I already claimed it, the handoff is
   * read back with its assessment. Null when nothing is waiting for me.
   */
  async load(sessionId: string, meId: string): Promise<PickupContext | null> {
    const items = await firstValueFrom(this.api.queue());
    const item = items.find((candidate) => candidate.sessionId === sessionId);
    if (!item) return null;
    this.remember(contextFromQueueItem(item));
    if (item.claimedBy?.id === meId && item.handoffId) {
      this.remember(contextFromHandoff(await firstValueFrom(this.api.current(sessionId))));
    }
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
