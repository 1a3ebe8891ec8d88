import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';

import { aMe, anAuthResponse } from '../../../testing/fixtures';
import { AuthStore } from '../auth/auth-store.service';
import { SubscriptionNoticeStore } from './subscription-notice.service';

const NOTICE = { details: { plan: 'pro' as const, status: 'canceled' as const, trialEndsAt: null }, from: '/sessions' };

describe('SubscriptionNoticeStore', () => {
  let auth: AuthStore;
  let store: SubscriptionNoticeStore;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    auth = TestBed.inject(AuthStore);
    auth.startSession(anAuthResponse('token', aMe({ id: '00000000-0000-4000-8000-000000000001' })));
    store = TestBed.inject(SubscriptionNoticeStore);
    store.record(NOTICE);
    TestBed.tick();
  });

  it('keeps the notice while the same person is signed in', () => {
    auth.startSession(anAuthResponse('token-2', aMe({ id: '00000000-0000-4000-8000-000000000001', name: 'Renamed' })));
    TestBed.tick();
    expect(store.notice()).toEqual(NOTICE);
  });

  it('forgets the notice when the person signs out', () => {
    auth.endSession();
    TestBed.tick();
    expect(store.notice()).toEqual({ details: null, from: null });
  });

  it('forgets the notice when someone else signs in', () => {
    auth.startSession(anAuthResponse('token-2', aMe({ id: '00000000-0000-4000-8000-000000000002' })));
    TestBed.tick();
    expect(store.notice()).toEqual({ details: null, from: null });
  });
});
