import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';

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

  it.each([
    ['members', (cursor?: string) => sut.members(cursor), '/api/v1/accounts/members'],
    ['invites', (cursor?: string) => sut.invites(cursor), '/api/v1/accounts/invites'],
  ] as const)('asks for the first page of %s, then the page after a cursor, and answers it whole', async (_name, list, path) => {
    const first = firstValueFrom(list());
    http.expectOne(`${path}?limit=100`).flush({ items: [], nextCursor: 'c1' });
    await expect(first).resolves.toEqual({ items: [], nextCursor: 'c1' });

    const next = firstValueFrom(list('c1'));
    http.expectOne(`${path}?limit=100&cursor=c1`).flush({ items: [], nextCursor: null });
    await expect(next).resolves.toEqual({ items: [], nextCursor: null });
  });
});
