import { computed, effect, inject, Injectable, signal, untracked } from '@angular/core';
import type { SessionSummary } from '@resolutionflow/contracts';
import { firstValueFrom } from 'rxjs';

import { toApiError } from '../../core/api/api-error';
import { LOADING, type LoadState } from '../../core/api/load-state';
import { AuthStore } from '../../core/auth/auth-store.service';
import { SessionsApi } from './sessions-api.service';

/**
 * The sidebar's sessions (mine, and those escalated to or picked up by me), shared by every
 * screen that changes one, so a new, escalated or picked-up session shows there at once.
 * The list is the signed-in person's: it empties on sign-out and is read anew for whoever signs in next.
 */
@Injectable({ providedIn: 'root' })
export class SessionListStore {
  private readonly api = inject(SessionsApi);
  private readonly current = signal<LoadState<readonly SessionSummary[]>>(LOADING);
  private latestRequest = 0;
  private loaded = false;
  /** Whose list this is; `undefined` until the store first sees who is signed in. */
  private owner: string | null | undefined;

  readonly state = this.current.asReadonly();
  readonly sessions = computed(() => {
    const state = this.current();
    return state.status === 'ok' ? state.value : [];
  });

  constructor() {
    const auth = inject(AuthStore);
    effect(() => {
      const who = auth.signedIn() ? (auth.me()?.id ?? null) : null;
      untracked(() => this.signedInAs(who));
    });
  }

  /** Loads the first time; later calls keep what is shown. */
  ensureLoaded(): void {
    if (!this.loaded) void this.refresh(false);
  }

  /**
   * Reads the list again; `quietly` keeps the current list on screen meanwhile. Every call asks
   * anew (a read started before a claim would miss the claimed session); the latest answer wins.
   */
  async refresh(quietly = true): Promise<void> {
    this.loaded = true;
    const request = ++this.latestRequest;
    if (!quietly || this.current().status !== 'ok') this.current.set(LOADING);
    try {
      const page = await firstValueFrom(this.api.list());
      if (request === this.latestRequest) this.current.set({ status: 'ok', value: page.items });
    } catch (error) {
      if (request === this.latestRequest && this.current().status !== 'ok') this.current.set({ status: 'error', error: toApiError(error) });
    }
  }

  /** Puts a session's latest summary at the top (it just changed). */
  upsert(summary: SessionSummary): void {
    const state = this.current();
    if (state.status !== 'ok') return;
    this.current.set({ status: 'ok', value: [summary, ...state.value.filter((s) => s.id !== summary.id)] });
  }

  private signedInAs(who: string | null): void {
    if (this.owner === undefined || who === this.owner) {
      this.owner = who;
      return;
    }
    const shown = this.loaded;
    this.owner = who;
    // Answers still on their way were asked for the previous person: drop them.
    this.latestRequest += 1;
    this.loaded = false;
    this.current.set(LOADING);
    // A sidebar already on screen asks no more; read the new person's list for it.
    if (who && shown) void this.refresh(false);
  }
}
