import { catchError, map, Observable, of, OperatorFunction, startWith } from 'rxjs';

import { ApiError, toApiError } from './api-error';

/** What a view shows for one API read. */
export type LoadState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ok'; readonly value: T }
  | { readonly status: 'error'; readonly error: ApiError };

export const LOADING: LoadState<never> = { status: 'loading' };

/** Turns an API read into loading → ok | error states, never erroring itself. */
export function toLoadState<T>(): OperatorFunction<T, LoadState<T>> {
  return (source: Observable<T>) =>
    source.pipe(
      map((value): LoadState<T> => ({ status: 'ok', value })),
      catchError((error: unknown) => of<LoadState<T>>({ status: 'error', error: toApiError(error) })),
      startWith(LOADING),
    );
}
