import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { PRIVILEGED_DATA_SOURCE } from '../../apps/api/src/core/database/data-sources.js';
import { EntitlementsService } from '../../apps/api/src/modules/billing/entitlements.service.js';
import { registerOwner, type SignedIn } from '../support/identity.js';
import { createSession, lapseSubscription } from '../support/sessions.js';
import { addTeammate } from '../support/team.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

const SCRIPT_SESSIONS = '/api/v1/script-builder/sessions';

describe('script builder sessions', () => {
  let t: TestApp;
  let db: DataSource;
  let owner: SignedIn;
  let engineer: SignedIn;
  let viewer: SignedIn;
  let outsider: SignedIn;

  const standalone = (token: string) => t.http.post(SCRIPT_SESSIONS, { origin: 'standalone' }, { token });
  const inline = (aiSessionId: string, token: string) => t.http.post(SCRIPT_SESSIONS, { origin: 'pilot_inline', aiSessionId }, { token });
  const rowsFor = async (userId: string, origin: string) =>
    Number((await db.query(`select count(*) as n from script_builder_sessions where owner_id = $1 and origin = $2`, [userId, origin]))[0].n);

  beforeAll(async () => {
    t = await bootTestApp();
    db = t.app.get(PRIVILEGED_DATA_SOURCE);
    owner = await registerOwner(t.http, { accountName: 'Acme MSP' });
    outsider = await registerOwner(t.http, { accountName: 'Other MSP' });
    [engineer, viewer] = await Promise.all([addTeammate(t.http, owner.token, 'engineer'), addTeammate(t.http, owner.token, 'viewer')]);
  });
  afterAll(() => t.close());

  describe('pilot_inline', () => {
    it('is get-or-create for a session the caller owns: 201 once, then 200 with the same row', async () => {
      const session = await createSession(t.http, engineer.token);
      const first = await inline(session.id, engineer.token);
      expect(first.status).toBe(201);
      expect(first.body).toEqual({
        id: expect.any(String),
        origin: 'pilot_inline',
        aiSessionId: session.id,
        ownerId: engineer.user.id,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const again = await inline(session.id, engineer.token);
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(first.body.id);
    });

    it('resolves 20 concurrent requests to one row, every answer naming it', async () => {
      const session = await createSession(t.http, engineer.token);
      const answers = await Promise.all(Array.from({ length: 20 }, () => inline(session.id, engineer.token)));
      expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
      expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
      expect(answers.filter((a) => a.status === 200)).toHaveLength(19);
      const [{ n }] = await db.query(`select count(*) as n from script_builder_sessions where ai_session_id = $1`, [session.id]);
      expect(Number(n)).toBe(1);
    });

    it("answers 404 for a session the caller does not own, another account's, or one that does not exist", async () => {
      const ownersSession = await createSession(t.http, owner.token);
      const outsidersSession = await createSession(t.http, outsider.token);
      for (const id of [ownersSession.id, outsidersSession.id, randomUUID()]) {
        const res = await inline(id, engineer.token);
        expect(res.status).toBe(404);
        expect(res.body.error).toBe('not_found');
      }
    });

    it('needs aiSessionId, and standalone must not have one', async () => {
      const missing = await t.http.post(SCRIPT_SESSIONS, { origin: 'pilot_inline' }, { token: engineer.token });
      expect(missing.status).toBe(400);
      expect(Object.keys(missing.body.details.fields)).toEqual(['aiSessionId']);
      const extra = await t.http.post(SCRIPT_SESSIONS, { origin: 'standalone', aiSessionId: randomUUID() }, { token: engineer.token });
      expect(extra.status).toBe(400);
      expect(Object.keys(extra.body.details.fields)).toEqual(['aiSessionId']);
      expect((await t.http.post(SCRIPT_SESSIONS, { origin: 'elsewhere' }, { token: engineer.token })).body.details.fields).toHaveProperty('origin');
    });
  });

  describe('standalone and the plan cap', () => {
    it("caps standalone sessions at the plan's limit (5 on Pro); inline sessions neither count nor are listed", async () => {
      const created: string[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await standalone(owner.token);
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject({ origin: 'standalone', aiSessionId: null, ownerId: owner.user.id });
        created.push(res.body.id);
      }
      const sixth = await standalone(owner.token);
      expect(sixth.status).toBe(409);
      expect(sixth.body).toMatchObject({ error: 'script_session_limit_reached', details: { limit: 5 } });

      const session = await createSession(t.http, owner.token);
      expect((await inline(session.id, owner.token)).status).toBe(201);
      expect(await rowsFor(owner.user.id, 'standalone')).toBe(5);

      const list = await t.http.get(`${SCRIPT_SESSIONS}?limit=100`, { token: owner.token });
      expect(list.status).toBe(200);
      expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([...created].reverse());
      expect(list.body.items.every((s: { origin: string }) => s.origin === 'standalone')).toBe(true);

      const paged = await t.http.get(`${SCRIPT_SESSIONS}?limit=2`, { token: owner.token });
      expect(paged.body.items).toHaveLength(2);
      const next = await t.http.get(`${SCRIPT_SESSIONS}?limit=2&cursor=${paged.body.nextCursor}`, { token: owner.token });
      expect(next.body.items.map((s: { id: string }) => s.id)).toEqual([...created].reverse().slice(2, 4));
    });

    it('counts per user and holds under concurrency', async () => {
      const answers = await Promise.all(Array.from({ length: 10 }, () => standalone(engineer.token)));
      expect(answers.filter((a) => a.status === 201)).toHaveLength(5);
      expect(answers.filter((a) => a.status === 409)).toHaveLength(5);
      expect(await rowsFor(engineer.user.id, 'standalone')).toBe(5);
      // Another user of the same account still has their own allowance.
      const admin = await addTeammate(t.http, owner.token, 'admin');
      expect((await standalone(admin.token)).status).toBe(201);
    });

    it("follows the plan's limit as the platform sets it", async () => {
      const team = await registerOwner(t.http, { accountName: 'Team Plan MSP' });
      await db.query(`update plan_limits set standalone_script_sessions = 1 where plan = 'team'`);
      await db.query(`update subscriptions set plan = 'team' where account_id = $1`, [team.user.account.id]);
      t.app.get(EntitlementsService).dropLocal({ accountId: team.user.account.id });
      expect((await standalone(team.token)).status).toBe(201);
      expect((await standalone(team.token)).status).toBe(409);
    });

    it('lists nothing of other users or accounts', async () => {
      const res = await t.http.get(SCRIPT_SESSIONS, { token: outsider.token });
      expect(res.body).toEqual({ items: [], nextCursor: null });
    });
  });

  it('is for engineers, admins and owners', async () => {
    expect((await standalone(viewer.token)).status).toBe(403);
    expect((await t.http.get(SCRIPT_SESSIONS, { token: viewer.token })).status).toBe(403);
  });

  it('is a Pro feature: 402 for a lapsed account', async () => {
    const lapsed = await registerOwner(t.http, { accountName: 'Lapsed MSP' });
    const session = await createSession(t.http, lapsed.token);
    await lapseSubscription(t, lapsed.user.account.id);
    expect((await standalone(lapsed.token)).status).toBe(402);
    expect((await inline(session.id, lapsed.token)).status).toBe(402);
    expect((await t.http.get(SCRIPT_SESSIONS, { token: lapsed.token })).status).toBe(402);
  });
});
