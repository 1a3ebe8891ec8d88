import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { SessionSummary } from '@resolutionflow/contracts';

import { aMe, anAuthResponse } from '../../../testing/fixtures';
import { AuthStore } from '../../core/auth/auth-store.service';
import { SessionListStore } from './session-list.store';

const ALICE = aMe({ id: '00000000-0000-4000-8000-00000000000a', name: 'Alice', role: 'engineer' });
const BOB = aMe({ id: '00000000-0000-4000-8000-00000000000b', name: 'Bob', role: 'engineer' });

function aSummary(id: string, ownerId: string): SessionSummary {
  return {
    id,
    problemSummary: `Problem ${id}`,
    psaTicketId: null,
    status: 'active',
    ownerId,
    escalatedToId: null,
    stateVersion: 1,
    createdAt: '2026-03-10T10:00:00.000Z',
    updatedAt: '2026-03-10T10:00:00.000Z',
  };
}

describe('SessionListStore', () => {
  let http: HttpTestingController;
  let auth: AuthStore;
  let sut: SessionListStore;

  const ids = () => sut.sessions().map((s) => s.id);
  const answerList = (items: SessionSummary[]) =>
    http.expectOne((req) => req.url === '/api/v1/ai-sessions').flush({ items, nextCursor: null });

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthStore);
    auth.startSession(anAuthResponse('alice-token', ALICE));
    sut = TestBed.inject(SessionListStore);
    TestBed.tick();
    sut.ensureLoaded();
    answerList([aSummary('a-1', ALICE.id)]);
    await Promise.resolve();
    expect(ids()).toEqual(['a-1']);
  });

  afterEach(() => http.verify());

  it('forgets the list at sign-out, and reads the next person’s list when their sidebar asks', async () => {
    auth.endSession();
    TestBed.tick();
    expect(sut.state().status).toBe('loading');
    expect(ids()).toEqual([]);
    http.expectNone((req) => req.url === '/api/v1/ai-sessions');

    auth.startSession(anAuthResponse('bob-token', BOB));
    TestBed.tick();
    sut.ensureLoaded();
    answerList([aSummary('b-1', BOB.id)]);
    await Promise.resolve();
    expect(ids()).toEqual(['b-1']);
  });

  it('reads the list again at once when someone else signs in over a list on screen', async () => {
    auth.startSession(anAuthResponse('bob-token', BOB));
    TestBed.tick();
    expect(ids()).toEqual([]);
    answerList([aSummary('b-1', BOB.id)]);
    await Promise.resolve();
    expect(ids()).toEqual(['b-1']);
  });

  it('drops an answer that was asked for the previous person', async () => {
    void sut.refresh();
    const stale = http.expectOne((req) => req.url === '/api/v1/ai-sessions');
    auth.startSession(anAuthResponse('bob-token', BOB));
    TestBed.tick();
    const fresh = http.expectOne((req) => req.url === '/api/v1/ai-sessions');
    stale.flush({ items: [aSummary('a-2', ALICE.id)], nextCursor: null });
    await Promise.resolve();
    expect(sut.state().status).toBe('loading');
    fresh.flush({ items: [aSummary('b-1', BOB.id)], nextCursor: null });
    await Promise.resolve();
    expect(ids()).toEqual(['b-1']);
  });

  it('keeps the list when the same person’s details are read again', async () => {
    auth.startSession(anAuthResponse('alice-token-2', { ...ALICE, name: 'Alice A.' }));
    TestBed.tick();
    http.expectNone((req) => req.url === '/api/v1/ai-sessions');
    expect(ids()).toEqual(['a-1']);
  });
});
