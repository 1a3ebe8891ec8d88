import type { DataSource } from 'typeorm';
import type { Principal } from '../../apps/api/src/core/auth/principal.js';
import { PRIVILEGED_DATA_SOURCE } from '../../apps/api/src/core/database/data-sources.js';
import { TenantDatabase } from '../../apps/api/src/core/database/tenant-database.js';
import { ClusterSignals } from '../../apps/api/src/core/events/cluster-signals.js';
import { LiveEvents } from '../../apps/api/src/core/events/live-events.js';
import { MembersService } from '../../apps/api/src/modules/accounts/members/members.service.js';
import { EntitlementsService } from '../../apps/api/src/modules/billing/entitlements.service.js';
import { EscalationStreamAccess, STREAM_ACCESS_CHANNEL } from '../../apps/api/src/modules/handoff/escalation-stream-access.js';
import { registerOwner, type SignedIn } from '../support/identity.js';
import { createSession, SESSIONS } from '../support/sessions.js';
import { SseClient } from '../support/sse-client.js';
import { addTeammate } from '../support/team.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { until } from '../support/until.js';

const STREAM = `${SESSIONS}/escalations/stream`;
/** A revoked stream must end this soon after the change is answered. */
const PROMPTLY_MS = 2_000;

interface Team {
  owner: SignedIn;
  /** Escalates, so that everyone else's stream has a next event to receive. */
  junior: SignedIn;
  /** Whose access changes. */
  engineer: SignedIn;
}

describe('the escalation stream ends when its holder loses access', () => {
  let t: TestApp;
  let db: DataSource;
  const open: SseClient[] = [];

  const connect = async (credential: string, app: TestApp = t) => {
    const client = await SseClient.open(`${app.baseUrl}${STREAM}`, { authorization: `Bearer ${credential}` });
    open.push(client);
    expect(client.status).toBe(200);
    await client.waitFor((e) => e.event === 'ready');
    return client;
  };
  const reconnectStatus = async (credential: string) => {
    const client = await SseClient.open(`${t.baseUrl}${STREAM}`, { authorization: `Bearer ${credential}` });
    open.push(client);
    return client.status;
  };
  /** The stream's last event is `access_revoked` with `reason`, and the server ended the response promptly after `since`. */
  const expectRevoked = async (client: SseClient, reason: string, since: number) => {
    const revoked = await client.waitFor((e) => e.event === 'access_revoked', PROMPTLY_MS);
    expect(revoked).toEqual({ id: undefined, event: 'access_revoked', data: { reason } });
    expect(await until(async () => client.closed, (closed) => closed, PROMPTLY_MS)).toBe(true);
    expect(Date.now() - since).toBeLessThan(PROMPTLY_MS);
    expect(client.events.at(-1)?.event).toBe('access_revoked');
  };
  /** Waits a moment for a signal that must not come, then checks the stream is still live with the next escalation. */
  const expectStillLive = async (clients: SseClient[], escalator: SignedIn, app: TestApp = t) => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const handoffId = await escalate(escalator, app);
    for (const client of clients) {
      await client.waitFor((e) => e.event === 'handoff_created' && e.data.handoffId === handoffId);
      expect(client.closed).toBe(false);
      expect(client.events.some((e) => e.event === 'access_revoked')).toBe(false);
    }
  };
  const escalate = async (who: SignedIn, app: TestApp = t): Promise<string> => {
    const session = await createSession(app.http, who.token);
    const res = await app.http.post(`${SESSIONS}/${session.id}/handoff`, { intent: 'escalate', reason: 'Need a senior' }, { token: who.token });
    expect(res.status).toBe(201);
    return res.body.id;
  };
  const team = async (): Promise<Team> => {
    const owner = await registerOwner(t.http);
    return {
      owner,
      junior: await addTeammate(t.http, owner.token, 'engineer', 'Jo Junior'),
      engineer: await addTeammate(t.http, owner.token, 'engineer', 'Eve Engineer'),
    };
  };
  const removeMember = (by: SignedIn, who: SignedIn, app: TestApp = t) => app.http.delete(`/api/v1/accounts/members/${who.user.id}`, { token: by.token });
  const setRole = (by: SignedIn, who: SignedIn, role: string) => t.http.patch(`/api/v1/accounts/members/${who.user.id}`, { role }, { token: by.token });
  const createKey = async (owner: SignedIn, name: string) => {
    const res = await t.http.post('/api/v1/accounts/api-keys', { name, role: 'engineer' }, { token: owner.token });
    expect(res.status).toBe(201);
    return res.body as { id: string; secret: string };
  };
  const openStreams = async (app: TestApp = t) => {
    const access = app.app.get(EscalationStreamAccess);
    return until(async () => access.openCount, (count) => count === 0);
  };

  beforeAll(async () => {
    t = await bootTestApp();
    db = t.app.get(PRIVILEGED_DATA_SOURCE);
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((client) => client.close()));
  });
  afterAll(() => t.close());

  it('ends a removed engineer’s stream at once, refuses their reconnect, and leaves the others live', async () => {
    const { owner, junior, engineer } = await team();
    const stream = await connect(engineer.token);
    const others = [await connect(owner.token), await connect(junior.token)];

    const since = Date.now();
    expect((await removeMember(owner, engineer)).status).toBe(204);
    await expectRevoked(stream, 'member_removed', since);
    expect(await reconnectStatus(engineer.token)).toBe(401);
    await expectStillLive(others, junior);
  });

  it('ends the stream of a member demoted to viewer, and not of one promoted to admin', async () => {
    const { owner, junior, engineer } = await team();
    const lead = await addTeammate(t.http, owner.token, 'engineer', 'Lee Lead');
    const demoted = await connect(engineer.token);
    const promoted = await connect(lead.token);

    const since = Date.now();
    expect((await setRole(owner, engineer, 'viewer')).status).toBe(200);
    await expectRevoked(demoted, 'role_not_allowed', since);
    expect(await reconnectStatus(engineer.token)).toBe(403);

    expect((await setRole(owner, lead, 'admin')).status).toBe(200);
    await expectStillLive([promoted], junior);
  });

  it('ends a revoked API key’s streams, and only that key’s', async () => {
    const { owner, junior } = await team();
    const revokedKey = await createKey(owner, 'Old bot');
    const keptKey = await createKey(owner, 'New bot');
    const streams = [await connect(revokedKey.secret), await connect(revokedKey.secret)];
    const kept = await connect(keptKey.secret);
    const ownerStream = await connect(owner.token);

    const since = Date.now();
    expect((await t.http.delete(`/api/v1/accounts/api-keys/${revokedKey.id}`, { token: owner.token })).status).toBe(204);
    for (const stream of streams) await expectRevoked(stream, 'api_key_revoked', since);
    expect(await reconnectStatus(revokedKey.secret)).toBe(401);
    await expectStillLive([kept, ownerStream], junior);
  });

  it('ends the holder’s streams on every API process', async () => {
    const second = await bootTestApp({ shareDatabaseWith: t });
    try {
      const { owner, junior, engineer } = await team();
      const key = await createKey(owner, 'Bot');
      const removedThere = await connect(engineer.token, second);
      const revokedHere = await connect(key.secret);
      const others = [await connect(owner.token, second), await connect(junior.token)];

      let since = Date.now();
      expect((await removeMember(owner, engineer)).status).toBe(204);
      await expectRevoked(removedThere, 'member_removed', since);

      since = Date.now();
      expect((await second.http.delete(`/api/v1/accounts/api-keys/${key.id}`, { token: owner.token })).status).toBe(204);
      await expectRevoked(revokedHere, 'api_key_revoked', since);

      await expectStillLive(others, junior, second);
      await Promise.all(open.splice(0).map((client) => client.close()));
      expect(await openStreams(second)).toBe(0);
    } finally {
      await second.close();
    }
  });

  it('signals nothing and ends nothing for a removal or demotion that is rolled back', async () => {
    const { owner, junior, engineer } = await team();
    const stream = await connect(engineer.token);
    const signalled: string[] = [];
    const unsubscribe = await t.app.get(ClusterSignals).subscribe(STREAM_ACCESS_CHANNEL, (payload) => signalled.push(payload));
    const actor: Principal = {
      kind: 'user',
      userId: owner.user.id,
      apiKeyId: null,
      accountId: owner.user.account.id,
      role: 'owner',
      superAdmin: false,
      emailVerified: true,
      createdAt: new Date(),
      name: owner.user.name,
      email: owner.email,
    };
    const members = t.app.get(MembersService, { strict: false });
    const tenant = t.app.get(TenantDatabase);
    for (const change of [() => members.remove(actor, engineer.user.id), () => members.changeRole(actor, engineer.user.id, 'viewer')]) {
      await expect(
        tenant.run(actor.accountId, async () => {
          await change();
          throw new Error('undo');
        }),
      ).rejects.toThrow('undo');
    }

    await expectStillLive([stream], junior);
    expect(signalled).toEqual([]);
    expect((await t.http.get('/api/v1/auth/me', { token: engineer.token })).body.role).toBe('engineer');

    // The same change, committed.
    const since = Date.now();
    expect((await setRole(owner, engineer, 'viewer')).status).toBe(200);
    await expectRevoked(stream, 'role_not_allowed', since);
    unsubscribe();
    expect(signalled).toEqual([`user:${engineer.user.id}`]);
  });

  it('ends every stream of an account whose subscription lapses, and no other account’s', async () => {
    const { owner, engineer } = await team();
    const other = await team();
    const lapsed = [await connect(owner.token), await connect(engineer.token)];
    const unaffected = await connect(other.owner.token);

    const since = Date.now();
    await db.query(`update subscriptions set status = 'trialing', trial_ends_at = now() - interval '1 day' where account_id = $1`, [owner.user.account.id]);
    // What a billing change does after it commits: every process drops the account's cached entitlements.
    await t.app.get(EntitlementsService).signalChange({ accountId: owner.user.account.id });
    for (const stream of lapsed) await expectRevoked(stream, 'subscription_required', since);
    expect(await reconnectStatus(owner.token)).toBe(402);
    await expectStillLive([unaffected], other.junior);
  });

  it('catches a change whose signal was lost on the slow check of every open stream', async () => {
    const { owner, junior, engineer } = await team();
    const stream = await connect(engineer.token);
    const ownerStream = await connect(owner.token);
    // Removed behind the API's back: no domain event, no signal.
    await db.query(`update users set removed_at = now() where id = $1`, [engineer.user.id]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stream.closed).toBe(false);

    const since = Date.now();
    await t.app.get(EscalationStreamAccess).recheckAll();
    await expectRevoked(stream, 'member_removed', since);
    await expectStillLive([ownerStream], junior);
  });

  it('releases every open stream from the registry when clients disconnect', async () => {
    const { owner, engineer } = await team();
    const key = await createKey(owner, 'Cycling bot');
    expect(await openStreams()).toBe(0);
    for (let round = 0; round < 20; round += 1) {
      const batch = await Promise.all([owner.token, engineer.token, key.secret].map((credential) => connect(credential)));
      await Promise.all(batch.map((client) => client.close()));
      open.length = 0;
    }
    expect(await openStreams()).toBe(0);
    expect(await until(async () => t.app.get(LiveEvents).subscriberCount, (count) => count === 0)).toBe(0);
  });
});
