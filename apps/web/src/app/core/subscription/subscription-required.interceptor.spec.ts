import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import { BlankPageComponent, settle } from '../../../testing/fixtures';
import { ApiClient } from '../api/api-client.service';
import { ApiError } from '../api/api-error';
import { SubscriptionNoticeStore } from './subscription-notice.service';
import { subscriptionRequiredInterceptor } from './subscription-required.interceptor';

const REQUIRED = {
  statusCode: 402,
  error: 'subscription_required',
  message: 'This feature needs an active subscription',
  details: { plan: 'pro', status: 'canceled', trialEndsAt: null },
};

describe('subscriptionRequiredInterceptor', () => {
  let api: ApiClient;
  let http: HttpTestingController;
  let router: Router;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([subscriptionRequiredInterceptor])),
        provideHttpClientTesting(),
        provideRouter([{ path: '**', component: BlankPageComponent }]),
      ],
    });
    api = TestBed.inject(ApiClient);
    http = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    await router.navigateByUrl('/settings/integrations');
  });

  afterEach(() => http.verify());

  it('takes any 402 to the subscription-needed page, keeping what the API said and where the person was', async () => {
    const result = firstValueFrom(api.get('/psa/connection'));
    http.expectOne('/api/v1/psa/connection').flush(REQUIRED, { status: 402, statusText: 'Payment Required' });

    const error = (await result.catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('subscription_required');
    await settle();
    expect(router.url).toBe('/subscription-needed');
    expect(TestBed.inject(SubscriptionNoticeStore).notice()).toEqual({
      details: { plan: 'pro', status: 'canceled', trialEndsAt: null },
      from: '/settings/integrations',
    });
  });

  it('still redirects when the 402 body is not the envelope', async () => {
    const result = firstValueFrom(api.get('/analytics'));
    http.expectOne('/api/v1/analytics').flush('Payment Required', { status: 402, statusText: 'Payment Required' });
    await result.catch(() => undefined);
    await settle();
    expect(router.url).toBe('/subscription-needed');
    expect(TestBed.inject(SubscriptionNoticeStore).notice().details).toBeNull();
  });

  it('leaves every other error where it happened', async () => {
    const result = firstValueFrom(api.get('/psa/connection'));
    http.expectOne('/api/v1/psa/connection').flush({ statusCode: 403, error: 'forbidden', message: 'No' }, { status: 403, statusText: 'Forbidden' });
    await result.catch(() => undefined);
    await settle();
    expect(router.url).toBe('/settings/integrations');
  });
});
