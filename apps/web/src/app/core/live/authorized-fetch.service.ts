import { inject, Injectable, InjectionToken } from '@angular/core';
import { Router } from '@angular/router';

import { API_BASE_PATH } from '../api/api-client.service';
import { AuthStore } from '../auth/auth-store.service';
import { loginUrlFor } from '../auth/return-url';

export type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

/** The browser's fetch; tests put a fake here, at the network edge. */
export const FETCH = new InjectionToken<FetchFn>('FETCH', {
  providedIn: 'root',
  factory: () => (input, init) => globalThis.fetch(input, init),
});

/**
 * `fetch` for the API's streaming answers (Server-Sent Events), which HttpClient does not read
 * as they arrive. Same rules as the HTTP interceptor: the bearer token from the AuthStore, one
 * refresh and retry on a 401, and the sign-in page when the session is over.
 */
@Injectable({ providedIn: 'root' })
export class AuthorizedFetch {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly fetchFn = inject(FETCH);

  /** `path` is relative to `/api/v1`. Answers the response as is, a final 401 included. */
  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const sentWith = this.auth.accessToken();
    const first = await this.fetchFn(`${API_BASE_PATH}${path}`, this.withBearer(init, sentWith));
    if (first.status !== 401) return first;
    const fresh = await this.auth.refreshAfterRejection(sentWith);
    if (!fresh) {
      void this.router.navigateByUrl(loginUrlFor(this.router.url));
      return first;
    }
    return this.fetchFn(`${API_BASE_PATH}${path}`, this.withBearer(init, fresh));
  }

  private withBearer(init: RequestInit, token: string | null): RequestInit {
    const headers = new Headers(init.headers);
    if (token) headers.set('Authorization', `Bearer ${token}`);
    return { credentials: 'same-origin', ...init, headers };
  }
}
