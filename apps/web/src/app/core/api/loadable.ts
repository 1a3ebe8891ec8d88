import { computed, DestroyRef, inject, Signal, signal } from '@angular/core';
import { filter, Observable, Subscription } from 'rxjs';

import { LOADING, LoadState, toLoadState } from './load-state';

/** One API read a page shows, with its loading/ok/error state as a signal. */
export interface Loadable<T> {
  readonly state: Signal<LoadState<T>>;
  /** The loaded value, or undefined while loading or after an error. */
  readonly value: Signal<T | undefined>;
  /** Loads again, showing the loading state. */
  reload(): void;
  /** Loads again in the background, keeping what is shown until the answer arrives. */
  refresh(): void;
  /** Changes the loaded value in place after a local action (an item added or removed). */
  update(change: (value: T) => T): void;
}

/** Starts `load()` now; call in an injection context (a component field), unsubscribed on destroy. */
export function loadable<T>(load: () => Observable<T>): Loadable<T> {
  const state = signal<LoadState<T>>(LOADING);
  let running: Subscription | undefined;

  const run = (quiet: boolean) => {
    running?.unsubscribe();
    running = load()
      .pipe(
        toLoadState(),
        filter((next) => !(quiet && next.status === 'loading' && state().status === 'ok')),
      )
      .subscribe((next) => state.set(next));
  };
  inject(DestroyRef).onDestroy(() => running?.unsubscribe());
  run(false);

  return {
    state: state.asReadonly(),
    value: computed(() => {
      const current = state();
      return current.status === 'ok' ? current.value : undefined;
    }),
    reload: () => run(false),
    refresh: () => run(true),
    update: (change) => {
      const current = state();
      if (current.status === 'ok') state.set({ status: 'ok', value: change(current.value) });
    },
  };
}
