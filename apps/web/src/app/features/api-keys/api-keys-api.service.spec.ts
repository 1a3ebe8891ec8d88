import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';

import { ApiKeysApi } from './api-keys-api.service';

describe('ApiKeysApi', () => {
  let sut: ApiKeysApi;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    sut = TestBed.inject(ApiKeysApi);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('asks for the first page of keys, then the page after a cursor, and answers it whole', async () => {
    const first = firstValueFrom(sut.list());
    http.expectOne('/api/v1/accounts/api-keys?limit=100').flush({ items: [], nextCursor: 'c1' });
    await expect(first).resolves.toEqual({ items: [], nextCursor: 'c1' });

    const next = firstValueFrom(sut.list('c1'));
    http.expectOne('/api/v1/accounts/api-keys?limit=100&cursor=c1').flush({ items: [], nextCursor: null });
    await expect(next).resolves.toEqual({ items: [], nextCursor: null });
  });
});
