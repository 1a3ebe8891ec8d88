import { TestBed } from '@angular/core/testing';
import type { Page } from '@resolutionflow/contracts';
import { Observable, of, Subject, throwError } from 'rxjs';

import { ApiError } from './api-error';
import { moreShown, pagedLoadable } from './paged-loadable';

interface Row {
  readonly id: string;
}

describe('pagedLoadable', () => {
  const create = (load: (cursor?: string) => Observable<Page<Row>>) => TestBed.runInInjectionContext(() => pagedLoadable(load));

  it('appends the next page without rows already shown, and stops at the last', async () => {
    const sut = create((cursor) =>
      cursor ? of({ items: [{ id: 'b' }, { id: 'c' }], nextCursor: null }) : of({ items: [{ id: 'a' }, { id: 'b' }], nextCursor: 'n' }),
    );
    await expect(sut.more()).resolves.toBe(1);
    expect(sut.value()).toEqual({ items: [{ id: 'a' }, { id: 'b' }, { id: 'c' }], nextCursor: null });
    await expect(sut.more()).resolves.toBeNull();
  });

  it('keeps the rows and says why when the next page fails, until it is tried again', async () => {
    let fail = true;
    const sut = create((cursor) => {
      if (!cursor) return of({ items: [{ id: 'a' }], nextCursor: 'n' });
      return fail ? throwError(() => new ApiError(0, 'network_error', 'offline')) : of({ items: [{ id: 'b' }], nextCursor: null });
    });
    await expect(sut.more()).resolves.toBeNull();
    expect(sut.value()?.items).toEqual([{ id: 'a' }]);
    expect(sut.moreError()).toBe('The server could not be reached. Check your connection and try again.');
    expect(sut.loadingMore()).toBe(false);

    fail = false;
    await expect(sut.more()).resolves.toBe(1);
    expect(sut.moreError()).toBe('');
  });

  it('drops the answer of a next page still on its way when the list reloads from the first page', async () => {
    const next = new Subject<Page<Row>>();
    const sut = create((cursor) => (cursor ? next : of({ items: [{ id: 'a' }], nextCursor: 'n' })));
    const more = sut.more();
    expect(sut.loadingMore()).toBe(true);
    sut.refresh();
    expect(sut.loadingMore()).toBe(false);
    next.next({ items: [{ id: 'b' }], nextCursor: null });
    await expect(more).resolves.toBeNull();
    expect(sut.value()).toEqual({ items: [{ id: 'a' }], nextCursor: 'n' });
  });

  it('says how many more were shown', () => {
    expect(moreShown(1, 'key', 'keys')).toBe('1 more key shown.');
    expect(moreShown(3, 'key', 'keys')).toBe('3 more keys shown.');
  });
});
