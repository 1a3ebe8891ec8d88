import { HttpClient, HttpContext } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { catchError, Observable, throwError } from 'rxjs';

import { toApiError } from './api-error';

export const API_BASE_PATH = '/api/v1';

type QueryValue = string | number | boolean;

export interface ApiRequestOptions {
  readonly params?: Readonly<Record<string, QueryValue | readonly QueryValue[]>>;
  /** Flags for the interceptors, e.g. that a sign-in call must not trigger a session refresh. */
  readonly context?: HttpContext;
}

/** The largest page a list endpoint answers (`?limit=`). */
export const MAX_PAGE_SIZE = 100;

/** Query of one page of a cursor-paginated list: the first without a cursor, the next with its `nextCursor`. */
export function pageParams(cursor?: string): Record<string, QueryValue> {
  return cursor ? { limit: MAX_PAGE_SIZE, cursor } : { limit: MAX_PAGE_SIZE };
}

/**
 * The one HTTP client for the ResolutionFlow API. Paths are relative to `/api/v1`; every
 * failure is emitted as an `ApiError`.
 */
@Injectable({ providedIn: 'root' })
export class ApiClient {
  private readonly http = inject(HttpClient);

  get<T>(path: string, options?: ApiRequestOptions): Observable<T> {
    return this.request<T>('GET', path, undefined, options);
  }

  post<T>(path: string, body?: unknown, options?: ApiRequestOptions): Observable<T> {
    return this.request<T>('POST', path, body, options);
  }

  put<T>(path: string, body?: unknown, options?: ApiRequestOptions): Observable<T> {
    return this.request<T>('PUT', path, body, options);
  }

  patch<T>(path: string, body?: unknown, options?: ApiRequestOptions): Observable<T> {
    return this.request<T>('PATCH', path, body, options);
  }

  delete<T = void>(path: string, options?: ApiRequestOptions): Observable<T> {
    return this.request<T>('DELETE', path, undefined, options);
  }

  private request<T>(method: string, path: string, body: unknown, options: ApiRequestOptions = {}): Observable<T> {
    return this.http
      .request<T>(method, `${API_BASE_PATH}${path}`, { body, params: options.params, context: options.context, responseType: 'json' })
      .pipe(catchError((error: unknown) => throwError(() => toApiError(error))));
  }
}
