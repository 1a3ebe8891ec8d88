import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { Page } from '@resolutionflow/contracts';
import { firstValueFrom, type Observable } from 'rxjs';

import { AccountsApi } from './accounts-api.service';

describe('AccountsApi', () => {
  let sut: AccountsApi;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    sut = TestBed.inject(AccountsApi);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  const lists: [name: string, list: (cursor?: string) => Observable<Page<unknown>>, path: string][] = [
    ['members', (cursor) => sut.members(cursor), '/api/v1/accounts/members'],
    ['invites', (cursor) => sut.invites(cursor), '/api/v1/accounts/invites'],
  ];

  it.each(lists)('asks for the first page of %s, then the page after a cursor, and answers it whole', async (_name, list, path) => {
    const first = firstValueFrom(list());
    http.expectOne(`${path}?limit=100`).flush({ items: [], nextCursor: 'c1' });
    await expect(first).resolves.toEqual({ items: [], nextCursor: 'c1' });

    const next = firstValueFrom(list('c1'));
    http.expectOne(`${path}?limit=100&cursor=c1`).flush({ items: [], nextCursor: null });
    await expect(next).resolves.toEqual({ items: [], nextCursor: null });
  });
});
