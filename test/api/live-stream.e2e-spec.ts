import { Body, Controller, Headers, Module, Post, Sse, type MessageEvent } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { CurrentPrincipal } from '../../apps/api/src/core/auth/auth.decorators.js';
import type { Principal } from '../../apps/api/src/core/auth/principal.js';
import { AcceptsStreamTicket } from '../../apps/api/src/core/auth/stream-ticket.decorator.js';
import { NoTenantTransaction } from '../../apps/api/src/core/auth/tenant-transaction.interceptor.js';
import { TenantDatabase } from '../../apps/api/src/core/database/tenant-database.js';
import { EventOutbox } from '../../apps/api/src/core/events/event-outbox.js';
import { LiveEvents } from '../../apps/api/src/core/events/live-events.js';
import { liveStream } from '../../apps/api/src/core/events/live-stream.js';
import { registerOwner, type SignedIn } from '../support/identity.js';
import { SseClient } from '../support/sse-client.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

const TYPES = new Set(['probe_event']);

/** Exercises the outbox and live-stream plumbing the way the escalation stream uses it. */
@Controller('probe')
class ProbeStreamController {
  constructor(
    private readonly outbox: EventOutbox,
    private readonly tenant: TenantDatabase,
    private readonly live: LiveEvents,
  ) {}

  @Post('events')
  async publish(@CurrentPrincipal() principal: Principal, @Body() body: { n: number; forUser?: string }) {
    const id = await this.outbox.append(this.tenant.manager(), {
      accountId: principal.accountId,
      type: 'probe_event',
      payload: { n: body.n },
      recipientUserId: body.forUser ?? null,
    });
    return { id };
  }

  @Sse('stream', { maxPendingDataLength: 64 * 1024 })
  @NoTenantTransaction()
  @AcceptsStreamTicket()
  stream(@CurrentPrincipal() principal: Principal, @Headers('last-event-id') lastEventId?: string): Observable<MessageEvent> {
    return liveStream(this.live, { accountId: principal.accountId, userId: principal.userId, lastEventId, types: TYPES });
  }
}

@Module({ controllers: [ProbeStreamController] })
class ProbeStreamModule {}

describe('outbox and live stream', () => {
  let t: TestApp;
  let alpha: SignedIn;
  let bravo: SignedIn;
  const open: SseClient[] = [];

  const connect = async (who: SignedIn, headers: Record<string, string> = {}, app: TestApp = t) => {
    const client = await SseClient.open(`${app.baseUrl}/api/v1/probe/stream`, { authorization: `Bearer ${who.token}`, ...headers });
    open.push(client);
    await client.waitFor((e) => e.event === 'ready');
    return client;
  };
  const publish = async (who: SignedIn, n: number, app: TestApp = t) =>
    (await app.http.post('/api/v1/probe/events', { n }, { token: who.token })).body.id as string;

  beforeAll(async () => {
    t = await bootTestApp({ extraModules: [ProbeStreamModule] });
    alpha = await registerOwner(t.http, { accountName: 'Alpha' });
    bravo = await registerOwner(t.http, { accountName: 'Bravo' });
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close()));
  });
  afterAll(() => t.close());

  it('delivers committed events of the account, with the outbox id as the event id, and never another account’s', async () => {
    const a = await connect(alpha);
    const b = await connect(bravo);
    const id = await publish(alpha, 1);
    const seen = await a.waitFor((e) => e.event === 'probe_event');
    expect(seen).toEqual({ id, event: 'probe_event', data: { n: 1 } });
    await publish(bravo, 2);
    await b.waitFor((e) => e.data?.n === 2);
    await new Promise((r) => setTimeout(r, 200));
    expect(a.events.filter((e) => e.event === 'probe_event').map((e) => e.data.n)).toEqual([1]);
    expect(b.events.filter((e) => e.event === 'probe_event').map((e) => e.data.n)).toEqual([2]);
  });

  it('replays exactly the missed events after Last-Event-ID, then continues live', async () => {
    const first = await publish(alpha, 10);
    await publish(alpha, 11);
    await publish(alpha, 12);
    const resumed = await connect(alpha, { 'last-event-id': first });
    await resumed.waitFor((e) => e.data?.n === 12);
    await publish(alpha, 13);
    await resumed.waitFor((e) => e.data?.n === 13);
    await new Promise((r) => setTimeout(r, 200));
    expect(resumed.events.filter((e) => e.event === 'probe_event').map((e) => e.data.n)).toEqual([11, 12, 13]);
  });

  it('replays and delivers in id order when ids gain a digit (9 → 10), not in text order', async () => {
    const first = await publish(alpha, 40);
    const ns = Array.from({ length: 12 }, (_, i) => 41 + i);
    for (const n of ns) await publish(alpha, n);
    const resumed = await connect(alpha, { 'last-event-id': first });
    await resumed.waitFor((e) => e.data?.n === ns.at(-1));
    const replayed = resumed.events.filter((e) => e.event === 'probe_event');
    expect(replayed.map((e) => e.data.n)).toEqual(ns);
    expect(replayed.map((e) => BigInt(e.id!))).toEqual([...replayed.map((e) => BigInt(e.id!))].sort((a, b) => (a < b ? -1 : 1)));
  });

  it('keeps per-person events for that person', async () => {
    const client = await connect(alpha);
    await t.http.post('/api/v1/probe/events', { n: 20, forUser: '00000000-0000-4000-8000-000000000001' }, { token: alpha.token });
    await publish(alpha, 21);
    await client.waitFor((e) => e.data?.n === 21);
    expect(client.events.some((e) => e.data?.n === 20)).toBe(false);
  });

  it('accepts a short-lived stream ticket instead of a header, and nothing else', async () => {
    const ticket = (await t.http.post('/api/v1/auth/stream-ticket', undefined, { token: alpha.token })).body.ticket;
    const viaTicket = await SseClient.open(`${t.baseUrl}/api/v1/probe/stream?ticket=${encodeURIComponent(ticket)}`);
    open.push(viaTicket);
    await viaTicket.waitFor((e) => e.event === 'ready');
    const forged = await SseClient.open(`${t.baseUrl}/api/v1/probe/stream?ticket=${encodeURIComponent(alpha.token)}`);
    expect(forged.status).toBe(401);
    const anonymous = await SseClient.open(`${t.baseUrl}/api/v1/probe/stream`);
    expect(anonymous.status).toBe(401);
  });

  it('reaches a client of one process with an event committed on another', async () => {
    const second = await bootTestApp({ shareDatabaseWith: t, extraModules: [ProbeStreamModule] });
    try {
      const client = await connect(alpha);
      const id = await publish(alpha, 30, second);
      expect((await client.waitFor((e) => e.data?.n === 30)).id).toBe(id);
    } finally {
      await second.close();
    }
  });

  it('releases every subscription after many connect/disconnect cycles', async () => {
    const live = t.app.get(LiveEvents);
    const settled = async () => {
      for (let i = 0; i < 50 && live.subscriberCount > 0; i += 1) await new Promise((r) => setTimeout(r, 20));
      return live.subscriberCount;
    };
    expect(await settled()).toBe(0);
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    for (let round = 0; round < 100; round += 1) {
      const batch = await Promise.all(Array.from({ length: 10 }, () => connect(alpha)));
      await Promise.all(batch.map((c) => c.close()));
      open.length = 0;
    }
    expect(await settled()).toBe(0);
    global.gc?.();
    const growthMb = (process.memoryUsage().heapUsed - heapBefore) / 1_048_576;
    expect(growthMb).toBeLessThan(50);
  });
});
