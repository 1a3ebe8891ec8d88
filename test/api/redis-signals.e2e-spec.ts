import { createConnection } from 'node:net';
import type { DataSource } from 'typeorm';
import { PRIVILEGED_DATA_SOURCE } from '../../apps/api/src/core/database/data-sources.js';
import { ClusterSignals } from '../../apps/api/src/core/events/cluster-signals.js';
import { registerOwner } from '../support/identity.js';
import { createSession, SESSIONS } from '../support/sessions.js';
import { SseClient } from '../support/sse-client.js';
import { addTeammate } from '../support/team.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { until } from '../support/until.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function redisReachable(): Promise<boolean> {
  const { hostname, port } = new URL(REDIS_URL);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port || 6379) });
    socket.setTimeout(500);
    const done = (reachable: boolean) => {
      socket.destroy();
      resolve(reachable);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

describe('signals between processes over Redis (REDIS_URL)', () => {
  let available = false;
  let one: TestApp;
  let two: TestApp;

  beforeAll(async () => {
    available = await redisReachable();
    // CI machines run Redis; a laptop without it still gets every other suite.
    if (!available && process.env.CI) throw new Error(`Redis is not reachable at ${REDIS_URL}`);
    if (!available) return;
    one = await bootTestApp({ env: { REDIS_URL } });
    two = await bootTestApp({ shareDatabaseWith: one, env: { REDIS_URL } });
  });
  afterAll(async () => {
    await two?.close();
    await one?.close();
  });

  const received = (app: TestApp, channel: string) => {
    const seen: string[] = [];
    void app.app.get(ClusterSignals).subscribe(channel, (payload) => seen.push(payload));
    return seen;
  };
  const settle = () => new Promise((r) => setTimeout(r, 300));

  it('uses Redis and announces only what commits', async () => {
    if (!available) return console.warn(`skipped: no Redis at ${REDIS_URL}`);
    expect(one.app.get(ClusterSignals).transportName).toBe('redis');
    const seen = received(one, 'probe_signal');
    await settle();
    const signals = two.app.get(ClusterSignals);
    const db: DataSource = two.app.get(PRIVILEGED_DATA_SOURCE);

    await db.transaction((m) => signals.publish('probe_signal', 'committed', m));
    await expect(
      db.transaction(async (m) => {
        await signals.publish('probe_signal', 'rolled-back', m);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    await db.transaction(async (m) => {
      const inner = m.queryRunner!;
      await inner.startTransaction();
      await signals.publish('probe_signal', 'savepoint-undone', m);
      await inner.rollbackTransaction();
      await signals.publish('probe_signal', 'outer', m);
    });
    await settle();
    expect(seen).toEqual(['committed', 'outer']);
  });

  it('carries live escalation events from one process to a stream on the other', async () => {
    if (!available) return console.warn(`skipped: no Redis at ${REDIS_URL}`);
    const owner = await registerOwner(one.http);
    const junior = await addTeammate(one.http, owner.token, 'engineer', 'Jo Junior');
    const live = await SseClient.open(`${one.baseUrl}${SESSIONS}/escalations/stream`, { authorization: `Bearer ${owner.token}` });
    try {
      await live.waitFor((e) => e.event === 'ready');
      const session = await createSession(two.http, junior.token);
      const res = await two.http.post(`${SESSIONS}/${session.id}/handoff`, { intent: 'escalate', reason: 'over redis' }, { token: junior.token });
      expect(res.status).toBe(201);
      const seen = await live.waitFor((e) => e.event === 'handoff_created' && e.data.handoffId === res.body.id);
      expect(seen.data.sessionId).toBe(session.id);
      await live.waitFor((e) => e.event === 'handoff_assessment_ready' && e.data.handoffId === res.body.id);
    } finally {
      await live.close();
    }
  });

  it('ends a removed member’s stream on the other process', async () => {
    if (!available) return console.warn(`skipped: no Redis at ${REDIS_URL}`);
    const owner = await registerOwner(one.http);
    const engineer = await addTeammate(one.http, owner.token, 'engineer', 'Eve Engineer');
    const live = await SseClient.open(`${one.baseUrl}${SESSIONS}/escalations/stream`, { authorization: `Bearer ${engineer.token}` });
    try {
      await live.waitFor((e) => e.event === 'ready');
      expect((await two.http.delete(`/api/v1/accounts/members/${engineer.user.id}`, { token: owner.token })).status).toBe(204);
      expect((await live.waitFor((e) => e.event === 'access_revoked', 2_000)).data).toEqual({ reason: 'member_removed' });
      expect(await until(async () => live.closed, (closed) => closed, 2_000)).toBe(true);
    } finally {
      await live.close();
    }
  });
});
