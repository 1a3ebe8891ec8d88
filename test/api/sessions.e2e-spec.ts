import { randomBytes, randomUUID } from 'node:crypto';
import type { SessionDetail } from '@resolutionflow/contracts';
import type { DataSource } from 'typeorm';
import { PRIVILEGED_DATA_SOURCE } from '../../apps/api/src/core/database/data-sources.js';
import { TenantDatabase } from '../../apps/api/src/core/database/tenant-database.js';
import { SessionsService } from '../../apps/api/src/modules/sessions/sessions.service.js';
import { ConnectWiseStandIn } from '../support/connectwise-stand-in.js';
import { registerOwner, type SignedIn } from '../support/identity.js';
import { createSession, lapseSubscription, SESSIONS } from '../support/sessions.js';
import { addTeammate } from '../support/team.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

describe('sessions', () => {
  const cw = new ConnectWiseStandIn({ companyId: 'acme_msp' }, { firstTicketId: 7000 });
  let t: TestApp;
  let db: DataSource;
  let tenant: TenantDatabase;
  let service: SessionsService;
  let owner: SignedIn;
  let engineer: SignedIn;
  let senior: SignedIn;
  let admin: SignedIn;
  let viewer: SignedIn;
  let outsider: SignedIn;
  let accountA: string;

  /** What the handoff module will do on escalate and claim, through the service it will use. */
  const escalate = (sessionId: string, targetUserId: string | null = null) =>
    tenant.run(accountA, () => service.markEscalated(sessionId, { reason: 'Stuck after two fixes', targetUserId, escalationPackage: null }));
  const claim = (sessionId: string, userId: string) => tenant.run(accountA, () => service.assignClaimer(sessionId, userId));

  beforeAll(async () => {
    await cw.start();
    t = await bootTestApp({ env: { ENCRYPTION_KEY: randomBytes(32).toString('base64') } });
    db = t.app.get(PRIVILEGED_DATA_SOURCE);
    tenant = t.app.get(TenantDatabase);
    service = t.app.get(SessionsService);
    owner = await registerOwner(t.http, { accountName: 'Acme MSP' });
    accountA = owner.user.account.id;
    outsider = await registerOwner(t.http, { accountName: 'Other MSP' });
    [engineer, senior, admin, viewer] = await Promise.all([
      addTeammate(t.http, owner.token, 'engineer', 'Jo Junior'),
      addTeammate(t.http, owner.token, 'engineer', 'Sam Senior'),
      addTeammate(t.http, owner.token, 'admin'),
      addTeammate(t.http, owner.token, 'viewer'),
    ]);
  });
  afterAll(async () => {
    await t.close();
    await cw.stop();
  });

  describe('create', () => {
    it('answers 201 with the new session owned by the caller', async () => {
      const res = await t.http.post(SESSIONS, { problemSummary: '  VPN drops every ten minutes  ', psaTicketId: '4711' }, { token: engineer.token });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        problemSummary: 'VPN drops every ten minutes',
        psaTicketId: '4711',
        status: 'active',
        ownerId: engineer.user.id,
        escalatedToId: null,
        stateVersion: 1,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        escalationReason: null,
        escalationPackage: null,
        resolutionNote: null,
        confidenceTier: null,
        resolvedAt: null,
        steps: [],
        fixes: [],
      });
    });

    it('validates the body, naming each bad field', async () => {
      const res = await t.http.post(SESSIONS, { problemSummary: '   ', psaTicketId: 'T-1; drop' }, { token: engineer.token });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('validation_failed');
      expect(Object.keys(res.body.details.fields).sort()).toEqual(['problemSummary', 'psaTicketId']);
    });

    it('is not for viewers', async () => {
      const res = await t.http.post(SESSIONS, { problemSummary: 'Printer offline' }, { token: viewer.token });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ error: 'forbidden', message: 'Engineer or admin access required' });
    });
  });

  describe('list (the sidebar)', () => {
    it("shows my sessions and those escalated to or claimed by me, latest activity first, never a teammate's others", async () => {
      const mine1 = await createSession(t.http, senior.token, 'Shared mailbox not syncing');
      const mine2 = await createSession(t.http, senior.token, 'Scanner to email fails');
      const targeted = await createSession(t.http, engineer.token, 'Laptop will not join the domain');
      const claimed = await createSession(t.http, engineer.token, 'Teams calls drop');
      const unrelated = await createSession(t.http, engineer.token, 'Slow file share');
      await escalate(targeted.id, senior.user.id);
      await escalate(claimed.id);
      await claim(claimed.id, senior.user.id);

      const res = await t.http.get(`${SESSIONS}?limit=100`, { token: senior.token });
      expect(res.status).toBe(200);
      expect(res.body.nextCursor).toBeNull();
      const ids = res.body.items.map((s: { id: string }) => s.id);
      expect(ids).toEqual([claimed.id, targeted.id, mine2.id, mine1.id]);
      expect(ids).not.toContain(unrelated.id);
      expect(res.body.items[0]).toEqual({
        id: claimed.id,
        problemSummary: 'Teams calls drop',
        psaTicketId: null,
        status: 'escalated',
        ownerId: engineer.user.id,
        escalatedToId: senior.user.id,
        stateVersion: 3,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
    });

    it('pages with a cursor', async () => {
      const first = await t.http.get(`${SESSIONS}?limit=3`, { token: engineer.token });
      expect(first.body.items).toHaveLength(3);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await t.http.get(`${SESSIONS}?limit=3&cursor=${first.body.nextCursor}`, { token: engineer.token });
      expect(second.status).toBe(200);
      const all = await t.http.get(`${SESSIONS}?limit=100`, { token: engineer.token });
      expect([...first.body.items, ...second.body.items].map((s: { id: string }) => s.id)).toEqual(
        all.body.items.slice(0, first.body.items.length + second.body.items.length).map((s: { id: string }) => s.id),
      );
      expect((await t.http.get(`${SESSIONS}?cursor=not-a-cursor`, { token: engineer.token })).body.details.fields).toHaveProperty('cursor');
      expect((await t.http.get(`${SESSIONS}?limit=101`, { token: engineer.token })).status).toBe(400);
    });

    it('is empty for an account that has no sessions of mine', async () => {
      const res = await t.http.get(SESSIONS, { token: outsider.token });
      expect(res.body).toEqual({ items: [], nextCursor: null });
    });
  });

  describe('read', () => {
    it('lets the owner read; other members get 404 while the session is not escalated', async () => {
      const session = await createSession(t.http, engineer.token);
      expect((await t.http.get(`${SESSIONS}/${session.id}`, { token: engineer.token })).status).toBe(200);
      for (const other of [senior, admin, owner, viewer]) {
        const res = await t.http.get(`${SESSIONS}/${session.id}`, { token: other.token });
        expect(res.status).toBe(404);
        expect(res.body.error).toBe('not_found');
      }
    });

    it('opens an escalated session to every member of the account, and to no one outside it', async () => {
      const session = await createSession(t.http, engineer.token);
      await escalate(session.id);
      for (const member of [senior, admin, owner, viewer]) {
        const res = await t.http.get<SessionDetail>(`${SESSIONS}/${session.id}`, { token: member.token });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ id: session.id, status: 'escalated', escalationReason: 'Stuck after two fixes' });
      }
      const res = await t.http.get(`${SESSIONS}/${session.id}`, { token: outsider.token });
      expect(res.status).toBe(404);
      expect(res.body.error).toBe('not_found');
    });

    it('keeps the claimer in after the escalation ends', async () => {
      const session = await createSession(t.http, engineer.token);
      await escalate(session.id);
      await claim(session.id, senior.user.id);
      await tenant.run(accountA, () => service.markParked(session.id));
      expect((await t.http.get(`${SESSIONS}/${session.id}`, { token: senior.token })).status).toBe(200);
      expect((await t.http.get(`${SESSIONS}/${session.id}`, { token: admin.token })).status).toBe(404);
    });

    it('answers 404 for an unknown id and 400 for a malformed one', async () => {
      expect((await t.http.get(`${SESSIONS}/${randomUUID()}`, { token: engineer.token })).status).toBe(404);
      const bad = await t.http.get(`${SESSIONS}/not-a-uuid`, { token: engineer.token });
      expect(bad.status).toBe(400);
      expect(bad.body.details.fields).toHaveProperty('id');
    });
  });

  describe('park', () => {
    it('parks an active session for its owner only, and writing in it makes it active again', async () => {
      const session = await createSession(t.http, engineer.token);
      const res = await t.http.post(`${SESSIONS}/${session.id}/park`, undefined, { token: engineer.token });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'parked', stateVersion: 2 });
      expect((await t.http.post(`${SESSIONS}/${session.id}/park`, undefined, { token: senior.token })).status).toBe(404);
      expect((await t.http.post(`${SESSIONS}/${session.id}/park`, undefined, { token: outsider.token })).status).toBe(404);

      await t.http.post(`${SESSIONS}/${session.id}/messages`, { content: 'Back on it' }, { token: engineer.token });
      expect((await t.http.get(`${SESSIONS}/${session.id}`, { token: engineer.token })).body.status).toBe('active');
    });

    it('refuses an escalated session (409) and the claimer (403)', async () => {
      const session = await createSession(t.http, engineer.token);
      await escalate(session.id);
      await claim(session.id, senior.user.id);
      expect((await t.http.post(`${SESSIONS}/${session.id}/park`, undefined, { token: engineer.token })).body).toMatchObject({
        statusCode: 409,
        error: 'session_escalated',
      });
      expect((await t.http.post(`${SESSIONS}/${session.id}/park`, undefined, { token: senior.token })).status).toBe(403);
    });
  });

  describe('resolve', () => {
    it('settles pending fixes, writes the note with them as provisional, and closes the session', async () => {
      const session = await createSession(t.http, engineer.token, 'Mail stuck in the outbox');
      const fix = (await t.http.post(`${SESSIONS}/${session.id}/fixes`, { title: 'Rebuild the mail profile', description: 'Create a new profile' }, { token: engineer.token })).body;
      await t.http.patch(`${SESSIONS}/${session.id}/fixes/${fix.id}/outcome`, { outcome: 'applied_pending', reason: 'waiting for the user to reopen the mail client' }, { token: engineer.token });
      const before = (await t.http.get<SessionDetail>(`${SESSIONS}/${session.id}`, { token: engineer.token })).body;

      const res = await t.http.post(`${SESSIONS}/${session.id}/resolve`, { note: 'User confirmed by phone' }, { token: engineer.token });
      expect(res.status).toBe(200);
      const resolved: SessionDetail = res.body.session;
      expect(resolved.status).toBe('resolved');
      expect(resolved.resolvedAt).toEqual(expect.any(String));
      expect(resolved.stateVersion).toBe(before.stateVersion + 1);
      expect(resolved.fixes[0]).toMatchObject({ status: 'applied_success', pendingReason: 'waiting for the user to reopen the mail client' });
      expect(resolved.fixes[0]!.verifiedAt).toEqual(expect.any(String));
      expect(resolved.resolutionNote).toContain('Provisional');
      expect(resolved.resolutionNote).toContain('Rebuild the mail profile');
      expect(resolved.resolutionNote).toContain('waiting for the user to reopen the mail client');
      expect(resolved.resolutionNote).toContain('User confirmed by phone');
      expect(res.body.psa).toEqual({ status: 'not_linked', ticketId: null, message: null });

      const again = await t.http.post(`${SESSIONS}/${session.id}/resolve`, {}, { token: engineer.token });
      expect(again.body).toMatchObject({ statusCode: 409, error: 'session_resolved' });
      const chat = await t.http.post(`${SESSIONS}/${session.id}/messages`, { content: 'one more thing' }, { token: engineer.token });
      expect(chat.body).toMatchObject({ statusCode: 409, error: 'session_resolved' });
    });

    it('is for the owner and the claimer: others get 403 (can read) or 404 (cannot)', async () => {
      const session = await createSession(t.http, engineer.token);
      expect((await t.http.post(`${SESSIONS}/${session.id}/resolve`, {}, { token: senior.token })).status).toBe(404);
      await escalate(session.id);
      expect((await t.http.post(`${SESSIONS}/${session.id}/resolve`, {}, { token: admin.token })).status).toBe(403);
      expect((await t.http.post(`${SESSIONS}/${session.id}/resolve`, {}, { token: viewer.token })).status).toBe(403);
      expect((await t.http.post(`${SESSIONS}/${session.id}/resolve`, {}, { token: outsider.token })).status).toBe(404);
      await claim(session.id, senior.user.id);
      const res = await t.http.post(`${SESSIONS}/${session.id}/resolve`, undefined, { token: senior.token });
      expect(res.status).toBe(200);
      expect(res.body.session.status).toBe('resolved');
    });
  });

  describe('what the handoff module uses', () => {
    it('lists the fixes blocking an escalation and builds the package around the pending one', async () => {
      const session = await createSession(t.http, engineer.token, 'Shared drive mapping fails at logon');
      const add = async (title: string) =>
        (await t.http.post(`${SESSIONS}/${session.id}/fixes`, { title, description: `${title} for the user` }, { token: engineer.token })).body.id as string;
      const outcome = (fixId: string, body: object) => t.http.patch(`${SESSIONS}/${session.id}/fixes/${fixId}/outcome`, body, { token: engineer.token });
      const verifying = await add('Check the logon script');
      const partial = await add('Reset the drive mapping policy');
      const pending = await add('Re-add the user to the share group');
      const failed = await add('Clear cached credentials');
      await add('Proposed only');
      await outcome(verifying, { outcome: 'verifying' });
      await outcome(partial, { outcome: 'applied_partial', notes: 'maps for new logons only' });
      await outcome(pending, { outcome: 'applied_pending', reason: 'waiting for group membership to replicate' });
      await outcome(failed, { outcome: 'applied_failed' });

      const blocking = await tenant.run(accountA, () => service.openFixesBlockingEscalation(session.id));
      expect(blocking.map((f) => f.id).sort()).toEqual([verifying, partial, pending].sort());

      const loaded = await tenant.run(accountA, () => service.loadForEscalation(session.id, { lock: true }));
      expect(loaded!.fixes).toHaveLength(5);
      const pkg = await service.buildEscalationPackage(loaded!, 'Need someone with domain admin');
      expect(pkg).toMatchObject({
        problemSummary: 'Shared drive mapping fails at logon',
        stepCount: 0,
        generatedBy: 'offline',
        leadingHypothesis: {
          fixId: pending,
          title: 'Re-add the user to the share group',
          status: 'applied_pending',
          waitingOn: 'waiting for group membership to replicate',
        },
      });
      expect(pkg.fixes).toHaveLength(5);
      expect(pkg.document).toContain('Leading hypothesis');
      expect(pkg.document).toContain('waiting for group membership to replicate');
      expect(pkg.document).toContain('Need someone with domain admin');

      expect(await tenant.run(outsider.user.account.id, () => service.loadForEscalation(session.id))).toBeNull();
    });

    it('keeps session steps indexed by (session, time) for "first step after the claim"', async () => {
      const rows = await db.query(`select indexdef from pg_indexes where tablename = 'session_steps' and indexname = 'session_steps_session_created_idx'`);
      expect(rows[0].indexdef).toContain('(session_id, created_at)');
    });
  });

  describe('the whole loop with a PSA ticket', () => {
    it('chats, records a fix, waits on it, resolves, and the ticket gets the provisional resolution note', async () => {
      expect((await t.http.put('/api/v1/psa/connection', cw.connectionSettings(), { token: owner.token })).status).toBe(200);
      const ticket = cw.addTicket({ summary: 'Outlook asks for a password' });
      const session = await createSession(t.http, engineer.token, 'Outlook keeps asking for a password');

      const link = await t.http.put(`${SESSIONS}/${session.id}/psa-ticket`, { ticketId: String(ticket.id) }, { token: engineer.token });
      expect(link.status).toBe(200);
      expect(link.body).toMatchObject({ verified: true, ticketId: String(ticket.id), session: { psaTicketId: String(ticket.id) } });

      const chat = await t.http.post(`${SESSIONS}/${session.id}/messages`, { content: 'Credential prompt loops after the password change.\nFix: clear the stored mail credentials' }, { token: engineer.token });
      expect(chat.status).toBe(201);
      expect(chat.body.assistantMessage.content).toContain('Offline assistant');
      expect(chat.body.proposedFixes).toEqual([expect.objectContaining({ title: 'Clear the stored mail credentials', status: 'proposed', source: 'assistant' })]);
      const fixId = chat.body.proposedFixes[0].id;

      const pending = await t.http.patch(`${SESSIONS}/${session.id}/fixes/${fixId}/outcome`, { outcome: 'applied_pending', reason: 'waiting for the user to sign in again tomorrow' }, { token: engineer.token });
      expect(pending.status).toBe(200);

      const resolved = await t.http.post(`${SESSIONS}/${session.id}/resolve`, {}, { token: engineer.token });
      expect(resolved.status).toBe(200);
      expect(resolved.body.psa).toEqual({ status: 'queued', ticketId: String(ticket.id), message: null });
      const note: string = resolved.body.session.resolutionNote;
      expect(note).toContain('Provisional');
      expect(note).toContain('Clear the stored mail credentials');
      expect(resolved.body.session.fixes[0].status).toBe('applied_success');

      const delivered = await cw.waitForNote((n) => n.ticketId === ticket.id);
      expect(delivered.text).toBe(note);
      const [delivery] = await db.query(`select channel, purpose, status from deliveries where account_id = $1 and purpose = 'resolution_note'`, [accountA]);
      expect(delivery).toMatchObject({ channel: 'psa', purpose: 'resolution_note' });
    });
  });

  describe('PSA ticket link', () => {
    it('verifies a ticket with the PSA: unknown → 404 psa_ticket_not_found; unlink; spin off a new one', async () => {
      const session = await createSession(t.http, engineer.token, 'New starter has no mailbox');
      const unknown = await t.http.put(`${SESSIONS}/${session.id}/psa-ticket`, { ticketId: '999999' }, { token: engineer.token });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error).toBe('psa_ticket_not_found');

      const spun = await t.http.post(`${SESSIONS}/${session.id}/psa-ticket/spin-off`, undefined, { token: engineer.token });
      expect(spun.status).toBe(201);
      expect(spun.body).toMatchObject({ verified: true, session: { psaTicketId: spun.body.ticketId } });
      const created = cw.tickets.find((tk) => String(tk.id) === spun.body.ticketId)!;
      expect(created.summary).toBe('New starter has no mailbox');
      expect(created.initialDescription).toContain('Problem: New starter has no mailbox');

      const twice = await t.http.post(`${SESSIONS}/${session.id}/psa-ticket/spin-off`, undefined, { token: engineer.token });
      expect(twice.body).toMatchObject({ statusCode: 409, error: 'psa_ticket_already_linked' });

      const unlinked = await t.http.delete(`${SESSIONS}/${session.id}/psa-ticket`, { token: engineer.token });
      expect(unlinked.status).toBe(200);
      expect(unlinked.body.psaTicketId).toBeNull();
    });

    it('links unverified while the PSA is down, so the workflow never waits on it', async () => {
      const session = await createSession(t.http, engineer.token);
      cw.failNext(503, 5);
      const res = await t.http.put(`${SESSIONS}/${session.id}/psa-ticket`, { ticketId: '4242' }, { token: engineer.token });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ verified: false, ticket: null, session: { psaTicketId: '4242' } });
    });

    it('keeps other sessions and accounts out, and viewers read-only', async () => {
      const session = await createSession(t.http, engineer.token);
      expect((await t.http.put(`${SESSIONS}/${session.id}/psa-ticket`, { ticketId: '7000' }, { token: outsider.token })).status).toBe(404);
      expect((await t.http.delete(`${SESSIONS}/${session.id}/psa-ticket`, { token: outsider.token })).status).toBe(404);
      expect((await t.http.post(`${SESSIONS}/${session.id}/psa-ticket/spin-off`, undefined, { token: outsider.token })).status).toBe(404);
      expect((await t.http.put(`${SESSIONS}/${session.id}/psa-ticket`, { ticketId: '7000' }, { token: senior.token })).status).toBe(404);
      expect((await t.http.put(`${SESSIONS}/${session.id}/psa-ticket`, { ticketId: '7000' }, { token: viewer.token })).status).toBe(403);
      expect((await t.http.put(`${SESSIONS}/${session.id}/psa-ticket`, { ticketId: 'abc' }, { token: engineer.token })).status).toBe(400);
    });

    it('reports a ticket number linked without a connection as not_connected on resolve', async () => {
      const lone = await registerOwner(t.http, { accountName: 'No PSA MSP' });
      const session = await createSession(t.http, lone.token);
      const link = await t.http.put(`${SESSIONS}/${session.id}/psa-ticket`, { ticketId: '123' }, { token: lone.token });
      expect(link.body).toMatchObject({ verified: false, ticketId: '123' });
      const resolved = await t.http.post(`${SESSIONS}/${session.id}/resolve`, {}, { token: lone.token });
      expect(resolved.status).toBe(200);
      expect(resolved.body.psa).toMatchObject({ status: 'not_connected', ticketId: '123' });
    });
  });

  it('documents every route in OpenAPI: tag, bearer auth, 402 and its error codes', async () => {
    const doc = (await t.http.get('/api/docs-json')).body;
    const routes: [string, string, string[]][] = [
      ['/api/v1/ai-sessions', 'post', ['validation_failed']],
      ['/api/v1/ai-sessions', 'get', ['validation_failed']],
      ['/api/v1/ai-sessions/{id}', 'get', ['not_found']],
      ['/api/v1/ai-sessions/{id}/resolve', 'post', ['session_resolved', 'session_changed']],
      ['/api/v1/ai-sessions/{id}/park', 'post', ['session_escalated']],
      ['/api/v1/ai-sessions/{id}/messages', 'post', ['ai_timeout', 'ai_unavailable']],
      ['/api/v1/ai-sessions/{id}/fixes', 'post', ['session_resolved']],
      ['/api/v1/ai-sessions/{id}/fixes/{fixId}/outcome', 'patch', ['fix_terminal', 'fix_transition_not_allowed']],
      ['/api/v1/ai-sessions/{id}/fixes/{fixId}/draft-script', 'put', ['script_empty', 'fix_terminal']],
      ['/api/v1/ai-sessions/{id}/psa-ticket', 'put', ['psa_ticket_not_found']],
      ['/api/v1/ai-sessions/{id}/psa-ticket', 'delete', ['not_found']],
      ['/api/v1/ai-sessions/{id}/psa-ticket/spin-off', 'post', ['psa_ticket_already_linked', 'psa_unavailable']],
      ['/api/v1/script-builder/sessions', 'post', ['script_session_limit_reached']],
      ['/api/v1/script-builder/sessions', 'get', ['validation_failed']],
    ];
    for (const [path, method, codes] of routes) {
      const operation = doc.paths[path]?.[method];
      expect({ path, method, found: Boolean(operation) }).toEqual({ path, method, found: true });
      expect(operation.tags.length).toBeGreaterThan(0);
      expect(operation.security).toEqual(expect.arrayContaining([{ bearer: [] }]));
      expect(operation.responses['402'].description).toContain('subscription_required');
      const described = Object.values(operation.responses as Record<string, { description: string }>).map((r) => r.description).join(' ');
      for (const code of codes) expect(described).toContain(code);
    }
  });

  it('is a Pro feature: every sessions route answers 402 to a lapsed account', async () => {
    const lapsed = await registerOwner(t.http, { accountName: 'Lapsed MSP' });
    const session = await createSession(t.http, lapsed.token);
    await lapseSubscription(t, lapsed.user.account.id);
    const id = session.id;
    const fixId = randomUUID();
    const calls = [
      t.http.post(SESSIONS, { problemSummary: 'x' }, { token: lapsed.token }),
      t.http.get(SESSIONS, { token: lapsed.token }),
      t.http.get(`${SESSIONS}/${id}`, { token: lapsed.token }),
      t.http.post(`${SESSIONS}/${id}/resolve`, {}, { token: lapsed.token }),
      t.http.post(`${SESSIONS}/${id}/park`, undefined, { token: lapsed.token }),
      t.http.post(`${SESSIONS}/${id}/messages`, { content: 'hi' }, { token: lapsed.token }),
      t.http.post(`${SESSIONS}/${id}/fixes`, { title: 't', description: 'd' }, { token: lapsed.token }),
      t.http.patch(`${SESSIONS}/${id}/fixes/${fixId}/outcome`, { outcome: 'verifying' }, { token: lapsed.token }),
      t.http.put(`${SESSIONS}/${id}/fixes/${fixId}/draft-script`, { script: 'Get-Service', parameters: {} }, { token: lapsed.token }),
      t.http.put(`${SESSIONS}/${id}/psa-ticket`, { ticketId: '1' }, { token: lapsed.token }),
      t.http.delete(`${SESSIONS}/${id}/psa-ticket`, { token: lapsed.token }),
      t.http.post(`${SESSIONS}/${id}/psa-ticket/spin-off`, undefined, { token: lapsed.token }),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.status).toBe(402);
      expect(res.body).toMatchObject({ error: 'subscription_required', details: { plan: 'pro', status: 'trialing' } });
    }
  });
});
