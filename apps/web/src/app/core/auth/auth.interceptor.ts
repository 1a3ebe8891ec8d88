import { HttpErrorResponse, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, from, Observable, switchMap, throwError } from 'rxjs';

import { API_BASE_PATH } from '../api/api-client.service';
import { AuthStore } from './auth-store.service';
import { loginUrlFor } from './return-url';
import { SESSION_CALL } from './session-context';

function withBearer<T>(request: HttpRequest<T>, token: string | null): HttpRequest<T> {
  return token ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : request;
}

function isUnauthorized(error: unknown): boolean {
  return error instanceof HttpErrorResponse && error.status === 401;
}

/**
 * Attaches the access token to API calls. On a 401 it refreshes the session once and retries
 * once; if that fails too, the session is over: it signs out here and opens the sign-in page,
 * remembering where the person was.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  if (!request.url.startsWith(API_BASE_PATH)) return next(request);
  const auth = inject(AuthStore);
  const router = inject(Router);
  const sentWith = auth.accessToken();
  const first = next(withBearer(request, sentWith));
  if (request.context.get(SESSION_CALL)) return first;

  const sessionOver = (error: unknown): Observable<never> => {
    auth.endSession();
    const where = router.currentNavigation()?.finalUrl?.toString() ?? router.url;
    void router.navigateByUrl(loginUrlFor(where));
    return throwError(() => error);
  };

  return first.pipe(
    catchError((error: unknown) => {
      if (!isUnauthorized(error)) return throwError(() => error);
      return from(auth.refreshAfterRejection(sentWith)).pipe(
        switchMap((fresh) => {
          if (!fresh) return sessionOver(error);
          return next(withBearer(request, fresh)).pipe(
            catchError((again: unknown) => (isUnauthorized(again) ? sessionOver(again) : throwError(() => again))),
          );
        }),
      );
    }),
  );
};
