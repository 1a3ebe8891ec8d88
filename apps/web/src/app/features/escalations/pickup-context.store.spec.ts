import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';

import { FakeNetwork } from '../../../testing/fake-event-stream';
import { aMe, anAuthResponse } from '../../../testing/fixtures';
import { AuthStore } from '../../core/auth/auth-store.service';
import { FETCH } from '../../core/live/authorized-fetch.service';
import { PickupContextStore } from './pickup-context.store';
import type { PickupContext } from './pickup-context';

const ALICE = aMe({ id: '00000000-0000-4000-8000-00000000000a', name: 'Alice', role: 'engineer' });
const BOB = aMe({ id: '00000000-0000-4000-8000-00000000000b', name: 'Bob', role: 'engineer' });

const context: PickupContext = {
  sessionId: 's-1',
  handoffId: 'h-1',
  reason: 'Stuck on the spooler',
  escalatedBy: { id: 'jo', name: 'Jo Junior' },
  createdAt: '2026-03-10T10:04:00.000Z',
  claimedBy: null,
  claimedAt: null,
  assessmentStatus: 'pending',
  assessment: null,
};

describe('PickupContextStore', () => {
  let auth: AuthStore;
  let sut: PickupContextStore;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: FETCH, useValue: new FakeNetwork().fetch }],
    });
    auth = TestBed.inject(AuthStore);
    auth.startSession(anAuthResponse('alice-token', ALICE));
    sut = TestBed.inject(PickupContextStore);
    TestBed.tick();
  });

  it('keeps what it knows while the same person is signed in', () => {
    sut.remember(context);
    auth.startSession(anAuthResponse('alice-token-2', ALICE));
    TestBed.tick();
    expect(sut.get('s-1')).toEqual(context);
  });

  it('forgets every escalation at sign-out and when someone else signs in', () => {
    sut.remember(context);
    auth.endSession();
    TestBed.tick();
    expect(sut.get('s-1')).toBeUndefined();

    auth.startSession(anAuthResponse('bob-token', BOB));
    TestBed.tick();
    sut.remember(context);
    auth.startSession(anAuthResponse('alice-token-3', ALICE));
    TestBed.tick();
    expect(sut.get('s-1')).toBeUndefined();
  });
});
