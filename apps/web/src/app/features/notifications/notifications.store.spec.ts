import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Notification } from '@resolutionflow/contracts';

import { FakeNetwork } from '../../../testing/fake-event-stream';
import { aMe, anAuthResponse, settle } from '../../../testing/fixtures';
import { AuthStore } from '../../core/auth/auth-store.service';
import { FETCH } from '../../core/live/authorized-fetch.service';
import { LIVE_STREAM_SETTINGS } from '../../core/live/live-stream.service';
import { NotificationsStore } from './notifications.store';

function aNotification(id: string, read = false): Notification {
  return { id, type: 'escalation', title: `Escalation ${id}`, link: `/pilot/${id}?pickup=true`, data: {}, read, readAt: null, createdAt: '2026-03-10T10:00:00.000Z' };
}

describe('NotificationsStore (the bell)', () => {
  let network: FakeNetwork;
  let http: HttpTestingController;
  let store: NotificationsStore;

  async function push(text: string): Promise<void> {
    network.calls.at(-1)!.stream.push(text);
    await settle();
  }

  beforeEach(async () => {
    network = new FakeNetwork();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: FETCH, useValue: network.fetch },
        { provide: LIVE_STREAM_SETTINGS, useValue: { initialDelayMs: 1, maxDelayMs: 1, idleTimeoutMs: 60_000, random: () => 0 } },
      ],
    });
    TestBed.inject(AuthStore).startSession(anAuthResponse('token', aMe({ role: 'engineer' })));
    http = TestBed.inject(HttpTestingController);
    store = TestBed.inject(NotificationsStore);
    TestBed.tick();
    http.expectOne('/api/v1/notifications/unread-count').flush({ unreadCount: 2 });
    await network.waitForCalls(1);
    await push('id: 1\nevent: ready\ndata: {"accountId":"a","resumedFrom":null}\n\n');
  });

  afterEach(() => {
    for (const call of network.calls) call.stream.end();
    http.verify();
  });

  it('rises with each notification that arrives live and falls as they are read', async () => {
    expect(store.unreadCount()).toBe(2);
    await push(`id: 2\nevent: notification_created\ndata: ${JSON.stringify(aNotification('n3'))}\n\n`);
    expect(store.unreadCount()).toBe(3);

    const reading = store.markRead(aNotification('n3'));
    http.expectOne('/api/v1/notifications/n3/read').flush(aNotification('n3', true));
    await reading;
    expect(store.unreadCount()).toBe(2);

    const all = store.markAllRead();
    http.expectOne('/api/v1/notifications/read-all').flush({ marked: 2 });
    await all;
    expect(store.unreadCount()).toBe(0);
  });

  it('lists the latest, adding live ones at the top', async () => {
    const loading = store.loadRecent();
    http.expectOne((req) => req.url === '/api/v1/notifications').flush({ items: [aNotification('n1')], nextCursor: null, unreadCount: 1 });
    await loading;
    await push(`id: 2\nevent: notification_created\ndata: ${JSON.stringify(aNotification('n2'))}\n\n`);
    const state = store.recent();
    expect(state.status === 'ok' && state.value.map((n) => n.id)).toEqual(['n2', 'n1']);
    expect(store.unreadCount()).toBe(2);
  });

  it('reads the count again after the stream reconnects', async () => {
    network.calls[0]!.stream.end();
    await network.waitForCalls(2);
    await push('id: 1\nevent: ready\ndata: {"accountId":"a","resumedFrom":"1"}\n\n');
    http.expectOne('/api/v1/notifications/unread-count').flush({ unreadCount: 5 });
    await settle();
    expect(store.unreadCount()).toBe(5);
  });
});
