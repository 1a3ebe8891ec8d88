import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';

import { aMe, anAuthResponse, settle } from '../../../../testing/fixtures';
import { AuthStore } from '../../../core/auth/auth-store.service';
import { SubscriptionNoticeStore } from '../../../core/subscription/subscription-notice.service';
import { SubscriptionNeededPageComponent } from './subscription-needed-page.component';

// Signed in while the trial ran; the API has since refused because the subscription was canceled.
const SIGNED_IN = aMe();

describe('SubscriptionNeededPageComponent', () => {
  let fixture: ComponentFixture<SubscriptionNeededPageComponent>;
  let http: HttpTestingController;
  let page: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(AuthStore).startSession(anAuthResponse('token', SIGNED_IN));
    TestBed.inject(SubscriptionNoticeStore).record({ details: { plan: 'pro', status: 'canceled', trialEndsAt: null }, from: '/sessions' });
    fixture = TestBed.createComponent(SubscriptionNeededPageComponent);
    page = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  const status = () => page.querySelector('app-status-pill')?.textContent?.trim();

  it('shows what the API said when it refused until /auth/me has been read again', () => {
    expect(status()).toBe('Canceled');
    http.expectOne('/api/v1/auth/me');
  });

  it('shows the reloaded subscription over the older refusal', async () => {
    http.expectOne('/api/v1/auth/me').flush(aMe({ subscription: { plan: 'pro', status: 'active', trialEndsAt: null } }));
    await settle();
    await fixture.whenStable();
    expect(status()).toBe('Active');
  });

  it('keeps the refusal when /auth/me cannot be read', async () => {
    http.expectOne('/api/v1/auth/me').flush({ statusCode: 500, error: 'internal_error', message: 'x' }, { status: 500, statusText: 'Server Error' });
    await settle();
    await fixture.whenStable();
    expect(status()).toBe('Canceled');
  });
});
