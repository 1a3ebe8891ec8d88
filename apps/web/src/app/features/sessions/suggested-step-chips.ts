import { computed, signal } from '@angular/core';

import { browserStorage, CappedIdSet, type KeyValueStorage } from '../../shared/storage/capped-id-set';

export const HIDDEN_CHIPS_KEY = 'rf-step-chips-hidden';
const HIDDEN_CHIPS_CAP = 200;

/**
 * The assessment's suggested steps, offered as chips above the composer of a picked-up session.
 * Clicking one only fills the composer (the engineer edits and sends it). The first message sent
 * while they show, or the X, hides them for that session for good, in this browser.
 */
export class SuggestedStepChips {
  private readonly hidden: CappedIdSet;
  private readonly sessionId = signal<string | null>(null);
  private readonly steps = signal<readonly string[]>([]);
  private readonly hiddenVersion = signal(0);

  readonly chips = computed(() => {
    this.hiddenVersion();
    const id = this.sessionId();
    return id && !this.hidden.has(id) ? this.steps() : [];
  });
  readonly visible = computed(() => this.chips().length > 0);

  constructor(storage: KeyValueStorage | null = browserStorage()) {
    this.hidden = new CappedIdSet(storage, HIDDEN_CHIPS_KEY, HIDDEN_CHIPS_CAP);
  }

  /** The session shown and its suggested steps (none until the assessment is ready). */
  show(sessionId: string | null, steps: readonly string[]): void {
    this.sessionId.set(sessionId);
    this.steps.set(steps.map((step) => step.trim()).filter(Boolean));
  }

  /**
   * The API took a message the engineer wrote while the suggestions were showing: they have served.
   * Without them on screen (e.g. the assessment not ready yet) nothing is hidden, so they still appear.
   */
  sent(): void {
    if (this.visible()) this.hide();
  }

  dismiss(): void {
    this.hide();
  }

  private hide(): void {
    const id = this.sessionId();
    if (!id || this.hidden.has(id)) return;
    this.hidden.add(id);
    this.hiddenVersion.update((v) => v + 1);
  }
}
