import type { SessionDetail } from '@resolutionflow/contracts';
import type { DataSource } from 'typeorm';
import { PRIVILEGED_DATA_SOURCE } from '../../apps/api/src/core/database/data-sources.js';
import { TenantDatabase } from '../../apps/api/src/core/database/tenant-database.js';
import { SessionsService } from '../../apps/api/src/modules/sessions/sessions.service.js';
import { registerOwner, type SignedIn } from '../support/identity.js';
import { createSession, lapseSubscription, postMessageStream, SESSIONS } from '../support/sessions.js';
import { addTeammate } from '../support/team.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

describe('chat with the assistant (offline provider)', () => {
  let t: TestApp;
  let db: DataSource;
  let owner: SignedIn;
  let engineer: SignedIn;
  let senior: SignedIn;
  let viewer: SignedIn;
  let outsider: SignedIn;

  const messagesOf = (id: string) => `${SESSIONS}/${id}/messages`;
  const detail = async (id: string, token = engineer.token) => (await t.http.get<SessionDetail>(`${SESSIONS}/${id}`, { token })).body;

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
  });
  afterAll(() => t.close());

  it('stores the engineer step and the reply and answers both as JSON (201)', async () => {
    const session = await createSession(t.http, engineer.token, 'Outlook keeps asking for a password');
    const res = await t.http.post(messagesOf(session.id), { content: '  Started after the password change yesterday  ' }, { token: engineer.token });
    expect(res.status).toBe(201);
    expect(res.body.userMessage).toEqual({
      id: expect.any(String),
      sessionId: session.id,
      sequence: 1,
      role: 'engineer',
      authorId: engineer.user.id,
      content: 'Started after the password change yesterday',
      createdAt: expect.any(String),
    });
    expect(res.body.assistantMessage).toMatchObject({ sequence: 2, role: 'assistant', authorId: null });
    // Honest about being offline, and built from the session's own facts.
    expect(res.body.assistantMessage.content).toContain('Offline assistant');
    expect(res.body.assistantMessage.content).toContain('Outlook keeps asking for a password');
    expect(res.body.proposedFixes).toEqual([]);

    const stored = await detail(session.id);
    expect(stored.steps.map((s) => [s.sequence, s.role, s.content])).toEqual([
      [1, 'engineer', 'Started after the password change yesterday'],
      [2, 'assistant', res.body.assistantMessage.content],
    ]);
    expect(stored.stateVersion).toBe(res.body.stateVersion);
    expect(Date.parse(stored.steps[1]!.createdAt)).toBeGreaterThan(Date.parse(stored.steps[0]!.createdAt));
  });

  it('stores fixes the assistant proposes as proposed fixes, through the same path as a hand-recorded one', async () => {
    const session = await createSession(t.http, engineer.token, 'Printer shows offline');
    const res = await t.http.post(messagesOf(session.id), { content: 'Spooler looks hung.\nFix: restart the print spooler\ntry: reinstall the printer driver' }, { token: engineer.token });
    expect(res.body.proposedFixes).toEqual([
      expect.objectContaining({ title: 'Restart the print spooler', status: 'proposed', source: 'assistant', createdBy: null }),
      expect.objectContaining({ title: 'Reinstall the printer driver', status: 'proposed', source: 'assistant' }),
    ]);
    expect(res.body.assistantMessage.content).toContain('Recorded as proposed');
    const stored = await detail(session.id);
    expect(stored.fixes.map((f) => f.title)).toEqual(['Restart the print spooler', 'Reinstall the printer driver']);

    // The next answer knows the state of those fixes.
    await t.http.patch(`${SESSIONS}/${session.id}/fixes/${stored.fixes[0]!.id}/outcome`, { outcome: 'applied_pending', reason: 'waiting for the queue to drain' }, { token: engineer.token });
    const next = await t.http.post(messagesOf(session.id), { content: 'What now?' }, { token: engineer.token });
    expect(next.body.assistantMessage.content).toContain('Waiting to verify "Restart the print spooler": waiting for the queue to drain.');
    expect(next.body.proposedFixes).toEqual([]);
  });

  it('streams the reply as SSE delta events and a final done event with the stored ids', async () => {
    const session = await createSession(t.http, engineer.token, 'Teams calls drop after five minutes');
    const res = await postMessageStream(t.http, session.id, 'Happens on the office network only.\nFix: update the network driver', engineer.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('cache-control')).toContain('no-cache');
    expect(res.headers.get('x-request-id')).toEqual(expect.any(String));

    const deltas = res.events.filter((e) => e.event === 'delta');
    expect(deltas.length).toBeGreaterThan(3);
    const done = res.events.at(-1)!;
    expect(done.event).toBe('done');
    expect(done.data).toEqual({
      userMessageId: expect.any(String),
      assistantMessageId: expect.any(String),
      proposedFixIds: [expect.any(String)],
      stateVersion: expect.any(Number),
    });

    const stored = await detail(session.id);
    const reply = stored.steps.find((s) => s.id === done.data.assistantMessageId)!;
    expect(deltas.map((e) => e.data.text).join('')).toBe(reply.content);
    expect(stored.steps.find((s) => s.id === done.data.userMessageId)!.content).toContain('office network');
    expect(stored.fixes.map((f) => f.id)).toEqual(done.data.proposedFixIds);
    expect(stored.stateVersion).toBe(done.data.stateVersion);
  });

  it('answers access errors as plain JSON before any stream starts', async () => {
    const session = await createSession(t.http, engineer.token);
    const res = await postMessageStream(t.http, session.id, 'hello', outsider.token);
    expect(res.status).toBe(404);
    expect(res.events).toEqual([]);
    expect(res.body.error).toBe('not_found');
  });

  it('is for the owner and the claimer: a member who can read gets 403, one who cannot 404, viewers 403', async () => {
    const session = await createSession(t.http, engineer.token);
    expect((await t.http.post(messagesOf(session.id), { content: 'hi' }, { token: senior.token })).status).toBe(404);
    expect((await t.http.post(messagesOf(session.id), { content: 'hi' }, { token: outsider.token })).status).toBe(404);
    expect((await t.http.post(messagesOf(session.id), { content: 'hi' }, { token: viewer.token })).status).toBe(403);

    const tenant = t.app.get(TenantDatabase);
    const sessions = t.app.get(SessionsService);
    await tenant.run(owner.user.account.id, () => sessions.markEscalated(session.id, { reason: 'stuck', targetUserId: null, escalationPackage: null }));
    const readerOnly = await t.http.post(messagesOf(session.id), { content: 'hi' }, { token: senior.token });
    expect(readerOnly.status).toBe(403);
    expect(readerOnly.body.error).toBe('forbidden');
    expect((await t.http.post(messagesOf(session.id), { content: 'hi' }, { token: outsider.token })).status).toBe(404);

    await tenant.run(owner.user.account.id, () => sessions.assignClaimer(session.id, senior.user.id));
    const claimer = await t.http.post(messagesOf(session.id), { content: 'Picking this up: what was tried?' }, { token: senior.token });
    expect(claimer.status).toBe(201);
    expect(claimer.body.userMessage.authorId).toBe(senior.user.id);
    expect((await detail(session.id, senior.token)).steps.map((s) => s.role)).toEqual(['engineer', 'assistant']);
  });

  it('validates the message', async () => {
    const session = await createSession(t.http, engineer.token);
    for (const body of [{ content: '   ' }, {}, { content: 'x'.repeat(20_001) }]) {
      const res = await t.http.post(messagesOf(session.id), body, { token: engineer.token });
      expect(res.status).toBe(400);
      expect(res.body.details.fields).toHaveProperty('content');
    }
    expect((await detail(session.id)).steps).toEqual([]);
  });

  it('keeps the steps of concurrent messages in one unbroken sequence', async () => {
    const session = await createSession(t.http, engineer.token);
    const sends = Array.from({ length: 6 }, (_, i) => t.http.post(messagesOf(session.id), { content: `note ${i}` }, { token: engineer.token }));
    expect((await Promise.all(sends)).map((r) => r.status)).toEqual(Array(6).fill(201));
    const steps = (await detail(session.id)).steps;
    expect(steps.map((s) => s.sequence)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it('is a Pro feature: 402 for a lapsed account, streaming or not', async () => {
    const lapsed = await registerOwner(t.http, { accountName: 'Lapsed MSP' });
    const session = await createSession(t.http, lapsed.token);
    await lapseSubscription(t, lapsed.user.account.id);
    expect((await t.http.post(messagesOf(session.id), { content: 'hi' }, { token: lapsed.token })).status).toBe(402);
    const streamed = await postMessageStream(t.http, session.id, 'hi', lapsed.token);
    expect(streamed.status).toBe(402);
    expect(streamed.body.error).toBe('subscription_required');
  });
});
