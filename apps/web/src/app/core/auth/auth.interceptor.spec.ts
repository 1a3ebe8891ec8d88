import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import { anAuthResponse, BlankPageComponent, settle } from '../../../testing/fixtures';
import { ApiClient } from '../api/api-client.service';
import { ApiError } from '../api/api-error';
import { authInterceptor } from './auth.interceptor';
import { AuthStore } from './auth-store.service';
import { sessionCall } from './session-context';

const UNAUTHORIZED = { statusCode: 401, error: 'unauthorized', message: 'Sign in' };

describe('authInterceptor', () => {
  let api: ApiClient;
  let auth: AuthStore;
  let http: HttpTestingController;
  let router: Router;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideRouter([{ path: '**', component: BlankPageComponent }]),
      ],
    });
    api = TestBed.inject(ApiClient);
    auth = TestBed.inject(AuthStore);
    http = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    await router.navigateByUrl('/team');
  });

  afterEach(() => http.verify());

  const members = (token: string | null): TestRequest => {
    const request = http.expectOne((req) => req.url === '/api/v1/accounts/members' && req.headers.get('Authorization') === (token ? `Bearer ${token}` : null));
    return request;
  };
  const refresh = (): TestRequest => http.expectOne('/api/v1/auth/refresh');

  it('attaches the access token to API calls and nothing to other URLs', async () => {
    auth.startSession(anAuthResponse('token-1'));
    const result = firstValueFrom(api.get('/accounts/members'));
    members('token-1').flush({ items: [], nextCursor: null });
    await expect(result).resolves.toEqual({ items: [], nextCursor: null });
  });

  it('sends no Authorization header when nobody is signed in', async () => {
    const result = firstValueFrom(api.get('/accounts/members'));
    members(null).flush({ items: [], nextCursor: null });
    await result;
  });

  it('refreshes once on a 401 and retries the call once with the new token', async () => {
    auth.startSession(anAuthResponse('expired'));
    const result = firstValueFrom(api.get('/accounts/members'));
    members('expired').flush(UNAUTHORIZED, { status: 401, statusText: 'Unauthorized' });

    refresh().flush(anAuthResponse('fresh'));
    await settle();
    members('fresh').flush({ items: [], nextCursor: null });

    await expect(result).resolves.toEqual({ items: [], nextCursor: null });
    expect(auth.accessToken()).toBe('fresh');
    expect(router.url).toBe('/team');
  });

  it('shares one refresh between calls rejected at the same time', async () => {
    auth.startSession(anAuthResponse('expired'));
    const first = firstValueFrom(api.get('/accounts/members'));
    const second = firstValueFrom(api.get('/accounts/members'));
    const rejected = http.match((req) => req.url === '/api/v1/accounts/members');
    expect(rejected).toHaveLength(2);
    rejected.forEach((request) => request.flush(UNAUTHORIZED, { status: 401, statusText: 'Unauthorized' }));

    refresh().flush(anAuthResponse('fresh'));
    await settle();
    const retried = http.match((req) => req.url === '/api/v1/accounts/members');
    expect(retried.map((req) => req.request.headers.get('Authorization'))).toEqual(['Bearer fresh', 'Bearer fresh']);
    retried.forEach((request) => request.flush({ items: [], nextCursor: null }));

    await expect(Promise.all([first, second])).resolves.toHaveLength(2);
  });

  it('gives up after the single retry: signs out here and opens sign-in with the way back', async () => {
    auth.startSession(anAuthResponse('expired'));
    const result = firstValueFrom(api.get('/accounts/members'));
    members('expired').flush(UNAUTHORIZED, { status: 401, statusText: 'Unauthorized' });
    refresh().flush(anAuthResponse('fresh'));
    await settle();
    members('fresh').flush(UNAUTHORIZED, { status: 401, statusText: 'Unauthorized' });

    const error = await result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('unauthorized');
    await settle();
    expect(auth.status()).toBe('signed-out');
    expect(router.url).toBe('/login?returnUrl=%2Fteam');
    // No second refresh and no third attempt (http.verify() in afterEach checks nothing else was sent).
  });

  it('opens sign-in when the refresh itself is refused', async () => {
    auth.startSession(anAuthResponse('expired'));
    const result = firstValueFrom(api.get('/accounts/members'));
    members('expired').flush(UNAUTHORIZED, { status: 401, statusText: 'Unauthorized' });
    refresh().flush({ statusCode: 401, error: 'invalid_refresh_token', message: 'Sign in again' }, { status: 401, statusText: 'Unauthorized' });

    await expect(result).rejects.toBeInstanceOf(ApiError);
    await settle();
    expect(auth.signedIn()).toBe(false);
    expect(router.url).toBe('/login?returnUrl=%2Fteam');
  });

  it('leaves the 401 of a sign-in call to the form: no refresh, no redirect', async () => {
    const result = firstValueFrom(api.post('/auth/login', { email: 'a@b.example', password: 'x' }, { context: sessionCall() }));
    http
      .expectOne('/api/v1/auth/login')
      .flush({ statusCode: 401, error: 'invalid_credentials', message: 'Wrong' }, { status: 401, statusText: 'Unauthorized' });

    const error = (await result.catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('invalid_credentials');
    await settle();
    expect(router.url).toBe('/team');
  });

  it('does not refresh on other errors', async () => {
    auth.startSession(anAuthResponse('token-1'));
    const result = firstValueFrom(api.get('/accounts/members'));
    members('token-1').flush({ statusCode: 403, error: 'forbidden', message: 'No' }, { status: 403, statusText: 'Forbidden' });
    await expect(result).rejects.toMatchObject({ code: 'forbidden' });
  });
});
