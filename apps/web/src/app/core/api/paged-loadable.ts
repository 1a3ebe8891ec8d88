import { signal, Signal } from '@angular/core';
import type { Page } from '@resolutionflow/contracts';
import { firstValueFrom, Observable } from 'rxjs';

import { describeError } from './api-error';
import { Loadable, loadable } from './loadable';

/** A cursor-paginated list read: the first page as a {@link Loadable}, and the next ones on request. */
export interface PagedLoadable<T> extends Loadable<Page<T>> {
  /** True while the next page is on its way. */
  readonly loadingMore: Signal<boolean>;
  /** Why the last request for the next page failed; empty once it is tried again or the list reloads. */
  readonly moreError: Signal<string>;
  /** Appends the next page to what is shown; answers how many rows it added, or null if none were. */
  more(): Promise<number | null>;
}

/**
 * Starts `load()` (the first page) now; `more()` asks `load(cursor)` for the next one. A reload or
 * refresh starts again from the first page and drops the answer of a `more()` still running.
 * Call in an injection context, like {@link loadable}.
 */
export function pagedLoadable<T extends { readonly id: string }>(
  load: (cursor?: string) => Observable<Page<T>>,
): PagedLoadable<T> {
  const first = loadable(() => load());
  const loadingMore = signal(false);
  const moreError = signal('');
  let generation = 0;
  const restart = (run: () => void) => () => {
    generation++;
    loadingMore.set(false);
    moreError.set('');
    run();
  };

  return {
    ...first,
    reload: restart(first.reload),
    refresh: restart(first.refresh),
    loadingMore: loadingMore.asReadonly(),
    moreError: moreError.asReadonly(),
    async more() {
      const cursor = first.value()?.nextCursor;
      if (!cursor || loadingMore()) return null;
      const started = generation;
      loadingMore.set(true);
      moreError.set('');
      try {
        const next = await firstValueFrom(load(cursor));
        if (started !== generation) return null;
        let added = 0;
        first.update((page) => {
          // A row added here since the first page (a new key, say) may come round again.
          const shown = new Set(page.items.map((item) => item.id));
          const fresh = next.items.filter((item) => !shown.has(item.id));
          added = fresh.length;
          return { items: [...page.items, ...fresh], nextCursor: next.nextCursor };
        });
        return added;
      } catch (error) {
        if (started === generation) moreError.set(describeError(error));
        return null;
      } finally {
        if (started === generation) loadingMore.set(false);
      }
    },
  };
}

/** The sentence announced after `more()`: "3 more members shown." */
export function moreShown(count: number, one: string, many: string): string {
  return `${count} more ${count === 1 ? one : many} shown.`;
}
