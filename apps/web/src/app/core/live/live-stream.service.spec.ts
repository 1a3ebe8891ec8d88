import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';

import { FakeNetwork, jsonResponse } from '../../../testing/fake-event-stream';
import { aMe, anAuthResponse, settle } from '../../../testing/fixtures';
import { AuthStore } from '../auth/auth-store.service';
import { FETCH } from './authorized-fetch.service';
import { LIVE_STREAM_SETTINGS, LiveStream, reconnectDelay, type LiveEvent } from './live-stream.service';

const READY = 'id: 40\nevent: ready\ndata: {"accountId":"a1","resumedFrom":null}\n\n';
const created = (id: number, sessionId: string) =>
  `id: ${id}\nevent: handoff_created\ndata: ${JSON.stringify({ sessionId, handoffId: `h-${sessionId}` })}\n\n`;

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 2_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe('LiveStream', () => {
  let network: FakeNetwork;
  let auth: AuthStore;
  let received: LiveEvent[];

  function start(role: 'owner' | 'viewer' = 'owner'): LiveStream {
    network = new FakeNetwork();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: FETCH, useValue: network.fetch },
        { provide: LIVE_STREAM_SETTINGS, useValue: { initialDelayMs: 10, maxDelayMs: 40, idleTimeoutMs: 5_000, random: () => 0.5 } },
      ],
    });
    auth = TestBed.inject(AuthStore);
    auth.startSession(anAuthResponse('token-1', aMe({ role })));
    const live = TestBed.inject(LiveStream);
    received = [];
    live.events$.subscribe((event) => received.push(event));
    TestBed.tick();
    return live;
  }

  afterEach(() => TestBed.resetTestingModule());

  it('connects once signed in, with the bearer token, and is live after `ready`', async () => {
    const live = start();
    await network.waitForCalls(1);
    expect(network.calls[0]!.url).toBe('/api/v1/ai-sessions/escalations/stream');
    expect(network.header(0, 'Authorization')).toBe('Bearer token-1');
    expect(network.header(0, 'Accept')).toBe('text/event-stream');
    expect(network.header(0, 'Last-Event-ID')).toBeNull();
    expect(live.status()).toBe('connecting');

    network.calls[0]!.stream.push(READY + ': heartbeat\n\n' + created(41, 's1'));
    await until(() => received.length === 2, 'two events');
    expect(live.status()).toBe('open');
    expect(received.map((e) => [e.type, e.id])).toEqual([
      ['ready', '40'],
      ['handoff_created', '41'],
    ]);
    expect(live.lastEventId()).toBe('41');
  });

  it('hands each type to its subscribers', async () => {
    const live = start();
    const sessions: string[] = [];
    live.on('handoff_created').subscribe((card) => sessions.push(card.sessionId));
    await network.waitForCalls(1);
    network.calls[0]!.stream.push(READY + created(41, 's1') + 'id: 42\nevent: notification_created\ndata: {"id":"n1"}\n\n' + created(43, 's2'));
    await until(() => received.length === 4, 'four events');
    expect(sessions).toEqual(['s1', 's2']);
  });

  it('reconnects after the server closes the stream and resumes from the last event id', async () => {
    const live = start();
    await network.waitForCalls(1);
    network.calls[0]!.stream.push(READY + created(41, 's1') + created(42, 's2'));
    await until(() => received.length === 3, 'three events');
    network.calls[0]!.stream.end();

    await until(() => live.status() === 'reconnecting', 'reconnecting');
    await network.waitForCalls(2);
    expect(network.header(1, 'Last-Event-ID')).toBe('42');

    // The replay after the reconnect carries on where the first connection stopped.
    network.calls[1]!.stream.push('id: 42\nevent: ready\ndata: {"accountId":"a1","resumedFrom":"42"}\n\n' + created(43, 's3'));
    await until(() => live.lastEventId() === '43', 'event 43');
    expect(live.status()).toBe('open');
  });

  it('retries a failing connection with growing, jittered waits, keeping its resume point', async () => {
    start();
    await network.waitForCalls(1);
    network.calls[0]!.stream.push(READY);
    await until(() => received.length === 1, 'ready');
    network.answer = () => jsonResponse(503, { statusCode: 503, error: 'service_unavailable', message: 'down' });
    network.calls[0]!.stream.fail(new TypeError('network error'));
    await network.waitForCalls(4);
    for (const call of [1, 2, 3]) expect(network.header(call, 'Last-Event-ID')).toBe('40');
  });

  it('computes the reconnect wait: doubling ceiling, capped, between half and all of it', () => {
    const settings = { initialDelayMs: 1_000, maxDelayMs: 30_000 };
    expect(reconnectDelay(1, settings, 0)).toBe(500);
    expect(reconnectDelay(1, settings, 1)).toBe(1_000);
    expect(reconnectDelay(2, settings, 0.5)).toBe(1_500);
    expect(reconnectDelay(4, settings, 1)).toBe(8_000);
    expect(reconnectDelay(10, settings, 0)).toBe(15_000);
    expect(reconnectDelay(10, settings, 1)).toBe(30_000);
  });

  it('drops the connection when the browser goes offline and reconnects at once when it is back', async () => {
    const live = start();
    await network.waitForCalls(1);
    network.calls[0]!.stream.push(READY + created(41, 's1'));
    await until(() => received.length === 2, 'two events');

    window.dispatchEvent(new Event('offline'));
    await until(() => live.status() === 'offline', 'offline');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(network.calls).toHaveLength(1);

    window.dispatchEvent(new Event('online'));
    await network.waitForCalls(2);
    expect(network.header(1, 'Last-Event-ID')).toBe('41');
  });

  it('stops for good when the server refuses the stream', async () => {
    const live = start();
    await network.waitForCalls(1);
    network.answer = () => jsonResponse(403, { statusCode: 403, error: 'forbidden', message: 'no' });
    network.calls[0]!.stream.end();
    await until(() => live.status() === 'unavailable', 'unavailable');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(network.calls).toHaveLength(2);
  });

  it('stops for good, without waiting for the end of the response, when the server revokes access mid-stream', async () => {
    const live = start();
    await network.waitForCalls(1);
    network.calls[0]!.stream.push(READY + created(41, 's1') + 'event: access_revoked\ndata: {"reason":"role_not_allowed"}\n\n');
    await until(() => live.status() === 'unavailable', 'unavailable');
    expect(network.calls[0]!.stream.cancelled).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(network.calls).toHaveLength(1);
    expect(received.map((e) => e.type)).toEqual(['ready', 'handoff_created']);
    expect(live.lastEventId()).toBe('41');
  });

  it('never connects a viewer, and disconnects on sign-out', async () => {
    const viewerLive = start('viewer');
    await settle();
    expect(network.calls).toHaveLength(0);
    expect(viewerLive.status()).toBe('idle');
    TestBed.resetTestingModule();

    const live = start();
    await network.waitForCalls(1);
    network.calls[0]!.stream.push(READY);
    await until(() => live.status() === 'open', 'open');
    auth.endSession();
    TestBed.tick();
    expect(live.status()).toBe('idle');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(network.calls).toHaveLength(1);
  });
});
