import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';

import { settle } from '../../../testing/fixtures';
import { injectPublicConfig } from './public-config';

describe('injectPublicConfig', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  const open = { selfServeEnabled: true, requireInviteCode: false, oauthProviders: [] };

  it("answers open sign-up without OAuth until the server's options arrive, then those", async () => {
    const sut = TestBed.runInInjectionContext(() => injectPublicConfig());
    expect(sut()).toEqual(open);
    const config = { selfServeEnabled: false, requireInviteCode: true, oauthProviders: ['google'] };
    http.expectOne('/api/v1/config/public').flush(config);
    await settle();
    expect(sut()).toEqual(config);
  });

  it('keeps open sign-up without OAuth when the options cannot be read', async () => {
    const sut = TestBed.runInInjectionContext(() => injectPublicConfig());
    http.expectOne('/api/v1/config/public').flush(null, { status: 503, statusText: 'Service Unavailable' });
    await settle();
    expect(sut()).toEqual(open);
  });
});
