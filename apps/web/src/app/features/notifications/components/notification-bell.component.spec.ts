import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { Notification } from '@resolutionflow/contracts';

import { FakeNetwork } from '../../../../testing/fake-event-stream';
import { aMe, anAuthResponse, BlankPageComponent, settle } from '../../../../testing/fixtures';
import { AuthStore } from '../../../core/auth/auth-store.service';
import { FETCH } from '../../../core/live/authorized-fetch.service';
import { LIVE_STREAM_SETTINGS } from '../../../core/live/live-stream.service';
import { NotificationBellComponent } from './notification-bell.component';

const ESCALATION: Notification = {
  id: 'n1',
  type: 'escalation',
  title: 'Printers offline on floor 2',
  link: '/pilot/s-1?pickup=true',
  data: {},
  read: false,
  readAt: null,
  createdAt: '2026-03-10T10:00:00.000Z',
};

describe('NotificationBellComponent', () => {
  let network: FakeNetwork;
  let http: HttpTestingController;
  let fixture: ComponentFixture<NotificationBellComponent>;
  let bell: HTMLElement;

  async function stable(): Promise<void> {
    await fixture.whenStable();
    await settle();
  }

  beforeEach(async () => {
    network = new FakeNetwork();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'pilot/:sessionId', component: BlankPageComponent }]),
        { provide: FETCH, useValue: network.fetch },
        { provide: LIVE_STREAM_SETTINGS, useValue: { initialDelayMs: 60_000, maxDelayMs: 60_000, idleTimeoutMs: 60_000, random: () => 0 } },
      ],
    });
    TestBed.inject(AuthStore).startSession(anAuthResponse('token', aMe({ role: 'engineer' })));
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(NotificationBellComponent);
    document.body.appendChild(fixture.nativeElement);
    bell = fixture.nativeElement as HTMLElement;
    await stable();
    http.expectOne('/api/v1/notifications/unread-count').flush({ unreadCount: 1 });
    await stable();
  });

  afterEach(() => {
    for (const call of network.calls) call.stream.end();
    fixture.nativeElement.remove();
    http.verify();
  });

  it('opens what a notification points to even when marking it read fails', async () => {
    bell.querySelector<HTMLButtonElement>('button.bell')!.click();
    await stable();
    http.expectOne((req) => req.url === '/api/v1/notifications').flush({ items: [ESCALATION], nextCursor: null, unreadCount: 1 });
    await stable();

    bell.querySelector<HTMLButtonElement>('button.item')!.click();
    await stable();
    http
      .expectOne('/api/v1/notifications/n1/read')
      .flush({ statusCode: 503, error: 'service_unavailable', message: 'Down' }, { status: 503, statusText: 'Service Unavailable' });
    await stable();
    await stable();

    expect(TestBed.inject(Router).url).toBe('/pilot/s-1?pickup=true');
    expect(bell.querySelector('#notification-panel')).toBeNull();
    expect(bell.querySelector('[role="alert"]')).toBeNull();
  });
});
