import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';

import { aMe, anAuthResponse, BlankPageComponent, settle } from '../../../../testing/fixtures';
import { AuthStore } from '../../../core/auth/auth-store.service';
import { rememberOAuthReturn } from '../oauth';
import { OAuthCallbackPageComponent } from './oauth-callback-page.component';

const NO_SESSION = { statusCode: 401, error: 'invalid_refresh_token', message: 'x' };

describe('OAuthCallbackPageComponent', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  async function open(url: string): Promise<HTMLElement> {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'auth/callback', component: OAuthCallbackPageComponent },
          { path: '**', component: BlankPageComponent },
        ]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create(url);
    return harness.routeNativeElement as HTMLElement;
  }

  async function answerSessionCheck(): Promise<void> {
    http.expectOne('/api/v1/auth/refresh').flush(NO_SESSION, { status: 401, statusText: 'Unauthorized' });
    await settle();
  }

  afterEach(() => {
    sessionStorage.clear();
    http.verify();
  });

  it('exchanges the one-time code after the session check and opens the wizard of a new owner', async () => {
    await open('/auth/callback?code=one-time-code-0123456789');
    http.expectNone('/api/v1/auth/oauth/exchange');
    await answerSessionCheck();
    const exchange = http.expectOne('/api/v1/auth/oauth/exchange');
    expect(exchange.request.body).toEqual({ code: 'one-time-code-0123456789' });
    exchange.flush(anAuthResponse('token', aMe()));
    await settle();
    expect(TestBed.inject(AuthStore).accessToken()).toBe('token');
    expect(TestBed.inject(Router).url).toBe('/welcome/shop');
  });

  it('returns to where the sign-in page was asked to, and forgets it', async () => {
    rememberOAuthReturn('/sessions/42');
    await open('/auth/callback?code=one-time-code-0123456789');
    await answerSessionCheck();
    http.expectOne('/api/v1/auth/oauth/exchange').flush(anAuthResponse('token', aMe({ onboardingDismissed: true })));
    await settle();
    expect(TestBed.inject(Router).url).toBe('/sessions/42');
    expect(sessionStorage.getItem('resolutionflow.oauthReturnUrl')).toBeNull();
  });

  it('forgets the return address when the sign-in failed', async () => {
    rememberOAuthReturn('/sessions/42');
    await open('/auth/callback?error=oauth_access_denied');
    await harness.fixture.whenStable();
    expect(sessionStorage.getItem('resolutionflow.oauthReturnUrl')).toBeNull();
  });

  it('lands a teammate who joined through an invitation on the welcome, not the wizard', async () => {
    await open('/auth/callback?code=one-time-code-0123456789&welcome=teammate');
    await answerSessionCheck();
    http.expectOne('/api/v1/auth/oauth/exchange').flush(anAuthResponse('token', aMe({ role: 'engineer' })));
    await settle();
    expect(TestBed.inject(Router).url).toBe('/?welcome=teammate');
  });

  it.each([
    ['invite_email_mismatch', 'That account does not match the invitation'],
    ['invite_invalid_or_expired_or_revoked', 'This invitation is no longer valid'],
    ['oauth_provider_error', 'Sign-in did not work'],
  ])('explains ?error=%s without calling the API', async (code, title) => {
    const page = await open(`/auth/callback?error=${code}`);
    await harness.fixture.whenStable();
    expect(page.querySelector('h1')?.textContent?.trim()).toBe(title);
    expect(page.querySelector('[role="alert"]')).not.toBeNull();
  });

  it('explains a code that no longer works', async () => {
    const page = await open('/auth/callback?code=spent-code-0123456789');
    await answerSessionCheck();
    http
      .expectOne('/api/v1/auth/oauth/exchange')
      .flush({ statusCode: 400, error: 'invalid_exchange_code', message: 'x' }, { status: 400, statusText: 'Bad Request' });
    await settle();
    await harness.fixture.whenStable();
    expect(page.querySelector('h1')?.textContent?.trim()).toBe('This sign-in expired');
    expect(TestBed.inject(Router).url).toBe('/auth/callback?code=spent-code-0123456789');
  });
});
