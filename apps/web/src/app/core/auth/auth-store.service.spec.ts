import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';

import { aMe, anAuthResponse, settle } from '../../../testing/fixtures';
import { AuthStore } from './auth-store.service';

describe('AuthStore', () => {
  let auth: AuthStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    auth = TestBed.inject(AuthStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('is loading until the first refresh answers, then signed in with `me`', async () => {
    expect(auth.status()).toBe('unknown');
    expect(auth.loading()).toBe(true);
    const ready = auth.ready();
    const again = auth.ready();

    const refresh = http.expectOne('/api/v1/auth/refresh');
    expect(refresh.request.method).toBe('POST');
    expect(refresh.request.body).toEqual({});
    refresh.flush(anAuthResponse('token-1'));
    await Promise.all([ready, again]);

    expect(auth.signedIn()).toBe(true);
    expect(auth.loading()).toBe(false);
    expect(auth.accessToken()).toBe('token-1');
    expect(auth.me()?.email).toBe('olivia@acme.example');
  });

  it('is signed out when the cookie gets no session', async () => {
    const ready = auth.ready();
    http.expectOne('/api/v1/auth/refresh').flush({ statusCode: 401, error: 'invalid_refresh_token', message: 'x' }, { status: 401, statusText: 'Unauthorized' });
    await ready;
    expect(auth.status()).toBe('signed-out');
    expect(auth.me()).toBeNull();
    expect(auth.accessToken()).toBeNull();
  });

  it('keeps a sign-in that happened while the page-load refresh was on its way', async () => {
    const ready = auth.ready();
    auth.startSession(anAuthResponse('from-oauth-exchange'));
    http.expectOne('/api/v1/auth/refresh').flush({ statusCode: 401, error: 'invalid_refresh_token', message: 'x' }, { status: 401, statusText: 'Unauthorized' });
    await ready;
    expect(auth.signedIn()).toBe(true);
    expect(auth.accessToken()).toBe('from-oauth-exchange');
  });

  it('never asks the cookie once a session was started by signing in', async () => {
    auth.startSession(anAuthResponse('token-1'));
    await auth.ready();
    expect(auth.signedIn()).toBe(true);
  });

  it('reuses a token that another call already refreshed instead of rotating again', async () => {
    auth.startSession(anAuthResponse('token-2'));
    await expect(auth.refreshAfterRejection('token-1')).resolves.toBe('token-2');

    const refreshed = auth.refreshAfterRejection('token-2');
    http.expectOne('/api/v1/auth/refresh').flush(anAuthResponse('token-3'));
    await expect(refreshed).resolves.toBe('token-3');
  });

  it('reloads `me`, e.g. after an onboarding step', async () => {
    auth.startSession(anAuthResponse('token-1'));
    const reloaded = auth.reloadMe();
    expect(auth.loading()).toBe(true);
    const request = http.expectOne('/api/v1/auth/me');
    request.flush(aMe({ onboardingStepCompleted: 2 }));
    await expect(reloaded).resolves.toMatchObject({ onboardingStepCompleted: 2 });
    expect(auth.me()?.onboardingStepCompleted).toBe(2);
    expect(auth.loading()).toBe(false);
  });

  it('signs out here even when the API cannot be reached', async () => {
    auth.startSession(anAuthResponse('token-1'));
    const done = auth.signOut();
    http.expectOne('/api/v1/auth/logout').error(new ProgressEvent('error'));
    await done;
    await settle();
    expect(auth.status()).toBe('signed-out');
  });
});
