import { computed, inject, Injectable, signal } from '@angular/core';
import type { AuthResponse, Me } from '@resolutionflow/contracts';
import { firstValueFrom } from 'rxjs';

import { ApiClient } from '../api/api-client.service';
import { sessionCall } from './session-context';

export type AuthStatus = 'unknown' | 'signed-in' | 'signed-out';

// Serialises refreshes across tabs: the refresh token rotates, and two tabs presenting the same
// cookie at once would look like token theft to the API and sign the person out everywhere.
const REFRESH_LOCK = 'resolutionflow:session-refresh';

/**
 * Who is signed in. The access token lives in memory only (never in storage a script could read
 * later); the refresh token is the API's httpOnly cookie, swapped for a new access token on page
 * load and whenever the API says the current one is no longer good.
 */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly api = inject(ApiClient);

  private readonly token = signal<string | null>(null);
  private readonly current = signal<Me | null>(null);
  private readonly state = signal<AuthStatus>('unknown');
  private readonly reloading = signal(false);
  private restoring: Promise<void> | null = null;
  private refreshing: Promise<string | null> | null = null;
  /** Bumped by every sign-in and sign-out, so a refresh that was already on its way cannot undo them. */
  private generation = 0;

  readonly me = this.current.asReadonly();
  readonly status = this.state.asReadonly();
  readonly signedIn = computed(() => this.state() === 'signed-in');
  /** True until the first answer about the session, and while `/auth/me` is being read again. */
  readonly loading = computed(() => this.state() === 'unknown' || this.reloading());

  accessToken(): string | null {
    return this.token();
  }

  /** Resolves once it is known whether someone is signed in (the first call tries the cookie). */
  ready(): Promise<void> {
    this.restoring ??= this.refreshSession().then(() => undefined);
    return this.restoring;
  }

  /** Takes the answer of sign-in, sign-up, OAuth exchange or refresh. */
  startSession(response: AuthResponse): void {
    this.generation += 1;
    this.apply(response);
  }

  private apply(response: AuthResponse): void {
    this.token.set(response.accessToken);
    this.current.set(response.user);
    this.state.set('signed-in');
    this.restoring ??= Promise.resolve();
  }

  /** Forgets the session in this tab (the cookie is the API's to clear). */
  endSession(): void {
    this.generation += 1;
    this.token.set(null);
    this.current.set(null);
    this.state.set('signed-out');
    this.restoring ??= Promise.resolve();
  }

  /**
   * Swaps the refresh cookie for a new access token; concurrent callers share one request.
   * Answers the new token, or null when there is no session any more.
   */
  refreshSession(): Promise<string | null> {
    const startedIn = this.generation;
    this.refreshing ??= this.exclusively(() =>
      firstValueFrom(this.api.post<AuthResponse>('/auth/refresh', {}, { context: sessionCall() })),
    )
      .then(
        (response) => {
          if (this.generation !== startedIn) return this.token();
          this.apply(response);
          return response.accessToken;
        },
        () => {
          // E.g. the page-load refresh failing after an OAuth exchange already signed the person in.
          if (this.generation !== startedIn) return this.token();
          this.endSession();
          return null;
        },
      )
      .finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  /**
   * After the API rejected `rejected`: the token to retry with. When another request already
   * refreshed meanwhile, its token is reused instead of rotating the cookie again.
   */
  refreshAfterRejection(rejected: string | null): Promise<string | null> {
    const now = this.token();
    if (now && now !== rejected) return Promise.resolve(now);
    return this.refreshSession();
  }

  /** Reads `/auth/me` again, e.g. after onboarding or verifying the email, before routing on it. */
  async reloadMe(): Promise<Me> {
    this.reloading.set(true);
    try {
      const me = await firstValueFrom(this.api.get<Me>('/auth/me'));
      this.current.set(me);
      return me;
    } finally {
      this.reloading.set(false);
    }
  }

  /** Signs out on the API (revoking the refresh token) and here; a failed call still signs out here. */
  async signOut(): Promise<void> {
    try {
      await firstValueFrom(this.api.post<void>('/auth/logout', {}, { context: sessionCall() }));
    } catch {
      // The local session ends anyway; the refresh token expires on its own.
    } finally {
      this.endSession();
    }
  }

  private exclusively<T>(work: () => Promise<T>): Promise<T> {
    const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
    return locks ? (locks.request(REFRESH_LOCK, work) as Promise<T>) : work();
  }
}
