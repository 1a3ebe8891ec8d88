import { randomUUID } from 'node:crypto';
import type { FixOutcome, SessionDetail } from '@resolutionflow/contracts';
import type { DataSource } from 'typeorm';
import { PRIVILEGED_DATA_SOURCE } from '../../apps/api/src/core/database/data-sources.js';
import { TenantDatabase } from '../../apps/api/src/core/database/tenant-database.js';
import { SessionsService } from '../../apps/api/src/modules/sessions/sessions.service.js';
import { registerOwner, type SignedIn } from '../support/identity.js';
import { createSession, lapseSubscription, SESSIONS } from '../support/sessions.js';
import { addTeammate } from '../support/team.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

describe('suggested fixes', () => {
  let t: TestApp;
  let db: DataSource;
  let owner: SignedIn;
  let engineer: SignedIn;
  let senior: SignedIn;
  let viewer: SignedIn;
  let outsider: SignedIn;
  let session: SessionDetail;

  const fixesOf = (sessionId: string) => `${SESSIONS}/${sessionId}/fixes`;
  const addFix = async (title = 'Restart the print spooler', sessionId = session.id, token = engineer.token) => {
    const res = await t.http.post(fixesOf(sessionId), { title, description: 'Restart the service and print a test page' }, { token });
    if (res.status !== 201) throw new Error(`adding a fix failed: ${res.status} ${res.text}`);
    return res.body as { id: string; sessionStateVersion: number };
  };
  const outcome = (fixId: string, body: { outcome: FixOutcome; reason?: string; notes?: string }, token = engineer.token, sessionId = session.id) =>
    t.http.patch(`${fixesOf(sessionId)}/${fixId}/outcome`, body, { token });
  const stateVersion = async (sessionId = session.id) => (await t.http.get<SessionDetail>(`${SESSIONS}/${sessionId}`, { token: engineer.token })).body.stateVersion;

  beforeAll(async () => {
    t = await bootTestApp();
    db = t.app.get(PRIVILEGED_DATA_SOURCE);
    owner = await registerOwner(t.http, { accountName: 'Acme MSP' });
    outsider = await registerOwner(t.http, { accountName: 'Other MSP' });
    [engineer, senior, viewer] = await Promise.all([
      addTeammate(t.http, owner.token, 'engineer'),
      addTeammate(t.http, owner.token, 'engineer'),
      addTeammate(t.http, owner.token, 'viewer'),
    ]);
    session = await createSession(t.http, engineer.token, 'Printing fails from every workstation');
  });
  afterAll(() => t.close());

  describe('record a fix', () => {
    it('answers 201 with the proposed fix and bumps the session version', async () => {
      const before = await stateVersion();
      const res = await t.http.post(fixesOf(session.id), { title: '  Clear the print queue ', description: 'Delete stuck jobs' }, { token: engineer.token });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        sessionId: session.id,
        title: 'Clear the print queue',
        description: 'Delete stuck jobs',
        status: 'proposed',
        source: 'engineer',
        pendingReason: null,
        notes: null,
        draftScript: null,
        draftParameters: null,
        appliedAt: null,
        verifiedAt: null,
        createdBy: engineer.user.id,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        sessionStateVersion: before + 1,
      });
      expect(await stateVersion()).toBe(before + 1);
    });

    it('validates the body', async () => {
      const res = await t.http.post(fixesOf(session.id), { title: '', description: 'x'.repeat(5001) }, { token: engineer.token });
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.details.fields).sort()).toEqual(['description', 'title']);
    });
  });

  describe('outcomes', () => {
    it('waiting to verify needs a reason (400 naming reason), stamps appliedAt and not verifiedAt', async () => {
      const fix = await addFix();
      for (const reason of [undefined, '', '   ']) {
        const res = await outcome(fix.id, { outcome: 'applied_pending', reason });
        expect(res.status).toBe(400);
        expect(res.body.error).toBe('validation_failed');
        expect(Object.keys(res.body.details.fields)).toEqual(['reason']);
      }
      const res = await outcome(fix.id, { outcome: 'applied_pending', reason: 'waiting for the client to reboot the printer' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'applied_pending', pendingReason: 'waiting for the client to reboot the printer', verifiedAt: null });
      expect(res.body.appliedAt).toEqual(expect.any(String));
      expect(res.body.sessionStateVersion).toBe(fix.sessionStateVersion + 1);

      const again = await outcome(fix.id, { outcome: 'applied_pending', reason: 'waiting for the weekend maintenance window' });
      expect(again.body).toMatchObject({ pendingReason: 'waiting for the weekend maintenance window', appliedAt: res.body.appliedAt });
      expect(again.body.sessionStateVersion).toBe(res.body.sessionStateVersion + 1);

      const worked = await outcome(fix.id, { outcome: 'applied_success' });
      expect(worked.body).toMatchObject({ status: 'applied_success', appliedAt: res.body.appliedAt });
      expect(worked.body.verifiedAt).toEqual(expect.any(String));
    });

    it('partly worked needs notes and can be updated; it cannot go back to verifying', async () => {
      const fix = await addFix();
      const missing = await outcome(fix.id, { outcome: 'applied_partial' });
      expect(missing.status).toBe(400);
      expect(Object.keys(missing.body.details.fields)).toEqual(['notes']);
      const partial = await outcome(fix.id, { outcome: 'applied_partial', notes: 'prints from one floor only' });
      expect(partial.body).toMatchObject({ status: 'applied_partial', notes: 'prints from one floor only', verifiedAt: null });
      expect(partial.body.appliedAt).toEqual(expect.any(String));
      const updated = await outcome(fix.id, { outcome: 'applied_partial', notes: 'prints from both floors, not from laptops' });
      expect(updated.body.notes).toBe('prints from both floors, not from laptops');
      const back = await outcome(fix.id, { outcome: 'verifying' });
      expect(back.status).toBe(409);
      expect(back.body).toMatchObject({ error: 'fix_transition_not_allowed', details: { status: 'applied_partial' } });
      const failed = await outcome(fix.id, { outcome: 'applied_failed', notes: 'laptops still fail' });
      expect(failed.body).toMatchObject({ status: 'applied_failed', notes: 'laptops still fail' });
      expect(failed.body.verifiedAt).toEqual(expect.any(String));
    });

    it.each(['applied_success', 'applied_failed', 'dismissed'] as const)('%s is final: every further outcome is 409 fix_terminal', async (terminal) => {
      const fix = await addFix();
      expect((await outcome(fix.id, { outcome: terminal })).status).toBe(200);
      const version = await stateVersion();
      for (const next of ['verifying', 'applied_success', 'applied_failed', 'applied_partial', 'applied_pending', 'dismissed'] as const) {
        const res = await outcome(fix.id, { outcome: next, reason: 'r', notes: 'n' });
        expect(res.status).toBe(409);
        expect(res.body).toMatchObject({ error: 'fix_terminal', details: { status: terminal } });
      }
      expect(await stateVersion()).toBe(version);
    });

    it('goes from proposed through verifying to every outcome the table allows', async () => {
      for (const target of ['applied_success', 'applied_failed', 'applied_partial', 'applied_pending', 'dismissed'] as const) {
        const fix = await addFix();
        expect((await outcome(fix.id, { outcome: 'verifying' })).body).toMatchObject({ status: 'verifying', appliedAt: null, verifiedAt: null });
        const res = await outcome(fix.id, { outcome: target, reason: 'waiting on replication', notes: 'half of it' });
        expect(res.status).toBe(200);
        expect(res.body.status).toBe(target);
      }
    });

    it('rejects an unknown outcome and `proposed`', async () => {
      const fix = await addFix();
      for (const bad of ['proposed', 'worked']) {
        const res = await t.http.patch(`${fixesOf(session.id)}/${fix.id}/outcome`, { outcome: bad }, { token: engineer.token });
        expect(res.status).toBe(400);
        expect(res.body.details.fields).toHaveProperty('outcome');
      }
    });
  });

  describe('draft script', () => {
    const draftOf = (fixId: string, sessionId = session.id) => `${fixesOf(sessionId)}/${fixId}/draft-script`;

    it('stores the script and parameters without marking the fix applied, bumping the version', async () => {
      const fix = await addFix();
      const res = await t.http.put(draftOf(fix.id), { script: 'Restart-Service -Name Spooler', parameters: { computer: 'print host' } }, { token: engineer.token });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'proposed',
        draftScript: 'Restart-Service -Name Spooler',
        draftParameters: { computer: 'print host' },
        appliedAt: null,
        sessionStateVersion: fix.sessionStateVersion + 1,
      });
      const pending = await outcome(fix.id, { outcome: 'applied_pending', reason: 'waiting for the job queue to drain' });
      const redraft = await t.http.put(draftOf(fix.id), { script: 'Get-Service Spooler | Restart-Service' }, { token: engineer.token });
      expect(redraft.body).toMatchObject({ draftScript: 'Get-Service Spooler | Restart-Service', draftParameters: {}, appliedAt: pending.body.appliedAt });
    });

    it('answers 422 script_empty for an empty script, 409 on a final fix, 404 for a fix of another session', async () => {
      const fix = await addFix();
      for (const script of ['', '  \n\t ']) {
        const res = await t.http.put(draftOf(fix.id), { script, parameters: {} }, { token: engineer.token });
        expect(res.status).toBe(422);
        expect(res.body.error).toBe('script_empty');
      }
      await outcome(fix.id, { outcome: 'dismissed' });
      const terminal = await t.http.put(draftOf(fix.id), { script: 'Get-Service' }, { token: engineer.token });
      expect(terminal.status).toBe(409);
      expect(terminal.body.error).toBe('fix_terminal');

      const other = await createSession(t.http, engineer.token, 'Another problem');
      const foreignFix = await addFix('Elsewhere', other.id);
      const wrongSession = await t.http.put(draftOf(foreignFix.id, session.id), { script: 'Get-Service' }, { token: engineer.token });
      expect(wrongSession.status).toBe(404);
      expect((await outcome(foreignFix.id, { outcome: 'verifying' })).status).toBe(404);
      const bad = await t.http.put(draftOf(fix.id), { script: 'x', parameters: ['not', 'an', 'object'] }, { token: engineer.token });
      expect(bad.status).toBe(400);
    });
  });

  describe('who may', () => {
    it('lets the claimer work the fixes; other members get 403 while escalated and 404 otherwise; viewers 403', async () => {
      const own = await createSession(t.http, engineer.token, 'Wi-Fi drops in the warehouse');
      const fix = await addFix('Move the access point', own.id);
      expect((await outcome(fix.id, { outcome: 'verifying' }, senior.token, own.id)).status).toBe(404);
      expect((await t.http.post(fixesOf(own.id), { title: 't', description: 'd' }, { token: senior.token })).status).toBe(404);

      const tenant = t.app.get(TenantDatabase);
      const sessions = t.app.get(SessionsService);
      await tenant.run(owner.user.account.id, () => sessions.markEscalated(own.id, { reason: 'need help', targetUserId: null, escalationPackage: null }));
      expect((await outcome(fix.id, { outcome: 'verifying' }, senior.token, own.id)).status).toBe(403);
      expect((await outcome(fix.id, { outcome: 'verifying' }, viewer.token, own.id)).status).toBe(403);

      await tenant.run(owner.user.account.id, () => sessions.assignClaimer(own.id, senior.user.id));
      const byClaimer = await outcome(fix.id, { outcome: 'applied_pending', reason: 'waiting for the forklift scanners to roam' }, senior.token, own.id);
      expect(byClaimer.status).toBe(200);
      const added = await t.http.post(fixesOf(own.id), { title: 'Lower the roaming threshold', description: 'On the controller' }, { token: senior.token });
      expect(added.status).toBe(201);
      expect(added.body.createdBy).toBe(senior.user.id);
    });

    it('answers 404 to another account for every session and fix id', async () => {
      const fix = await addFix();
      const token = outsider.token;
      expect((await t.http.post(fixesOf(session.id), { title: 't', description: 'd' }, { token })).status).toBe(404);
      expect((await outcome(fix.id, { outcome: 'verifying' }, token)).status).toBe(404);
      expect((await t.http.put(`${fixesOf(session.id)}/${fix.id}/draft-script`, { script: 'x' }, { token })).status).toBe(404);
      // Their own session with our fix id: still a fix they cannot see.
      const theirs = await createSession(t.http, outsider.token);
      expect((await outcome(fix.id, { outcome: 'verifying' }, token, theirs.id)).status).toBe(404);
      expect((await outcome(randomUUID(), { outcome: 'verifying' })).status).toBe(404);
    });
  });

  describe('the database holds the invariants too', () => {
    const violates = (sql: string, params: unknown[]) => expect(db.query(sql, params)).rejects.toThrow(/violates check constraint/);

    it('refuses a pending fix without a reason, a verified fix without timestamps, an unknown status', async () => {
      const fix = await addFix();
      await violates(`update suggested_fixes set status = 'applied_pending', applied_at = now() where id = $1`, [fix.id]);
      await violates(`update suggested_fixes set status = 'applied_pending', pending_reason = '  ', applied_at = now() where id = $1`, [fix.id]);
      await violates(`update suggested_fixes set status = 'applied_pending', pending_reason = 'r' where id = $1`, [fix.id]);
      await violates(`update suggested_fixes set status = 'applied_pending', pending_reason = 'r', applied_at = now(), verified_at = now() where id = $1`, [fix.id]);
      await violates(`update suggested_fixes set status = 'applied_partial', applied_at = now() where id = $1`, [fix.id]);
      await violates(`update suggested_fixes set status = 'applied_success', applied_at = now() where id = $1`, [fix.id]);
      await violates(`update suggested_fixes set status = 'verifying', verified_at = now(), applied_at = now() where id = $1`, [fix.id]);
      await violates(`update suggested_fixes set status = 'worked' where id = $1`, [fix.id]);
      await violates(`update suggested_fixes set draft_script = ' ' where id = $1`, [fix.id]);
      await expect(db.query(`update suggested_fixes set status = 'applied_pending', pending_reason = 'r', applied_at = now() where id = $1`, [fix.id])).resolves.toBeDefined();
    });
  });

  it('is a Pro feature: 402 for a lapsed account', async () => {
    const lapsed = await registerOwner(t.http, { accountName: 'Lapsed MSP' });
    const own = await createSession(t.http, lapsed.token);
    const fix = (await t.http.post(fixesOf(own.id), { title: 't', description: 'd' }, { token: lapsed.token })).body;
    await lapseSubscription(t, lapsed.user.account.id);
    expect((await t.http.post(fixesOf(own.id), { title: 't', description: 'd' }, { token: lapsed.token })).status).toBe(402);
    expect((await t.http.patch(`${fixesOf(own.id)}/${fix.id}/outcome`, { outcome: 'verifying' }, { token: lapsed.token })).status).toBe(402);
    expect((await t.http.put(`${fixesOf(own.id)}/${fix.id}/draft-script`, { script: 'x' }, { token: lapsed.token })).status).toBe(402);
  });
});
