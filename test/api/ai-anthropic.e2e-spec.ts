import type { SessionDetail } from '@resolutionflow/contracts';
import { TenantDatabase } from '../../apps/api/src/core/database/tenant-database.js';
import { AiService } from '../../apps/api/src/modules/ai/ai.service.js';
import { AiTimeoutError } from '../../apps/api/src/modules/ai/ai-provider.js';
import { SessionsService } from '../../apps/api/src/modules/sessions/sessions.service.js';
import { AnthropicStandIn, apiKeyOf } from '../support/anthropic-stand-in.js';
import { registerOwner, type SignedIn } from '../support/identity.js';
import { createSession, postMessageStream, SESSIONS } from '../support/sessions.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

const MODEL = 'claude-test-model';
const TIMEOUT_SECONDS = 2;

describe('the assistant through the Anthropic Messages API', () => {
  const anthropic = new AnthropicStandIn();
  let t: TestApp;
  let engineer: SignedIn;

  const messagesOf = (id: string) => `${SESSIONS}/${id}/messages`;
  const detail = async (id: string) => (await t.http.get<SessionDetail>(`${SESSIONS}/${id}`, { token: engineer.token })).body;

  beforeAll(async () => {
    await anthropic.start();
    t = await bootTestApp({
      env: {
        ANTHROPIC_API_KEY: 'sk-ant-test-key',
        ANTHROPIC_BASE_URL: anthropic.url,
        AI_MODEL: MODEL,
        AI_TIMEOUT_SECONDS: String(TIMEOUT_SECONDS),
        AI_MAX_RETRIES: '2',
      },
    });
    engineer = await registerOwner(t.http, { accountName: 'Acme MSP' });
  });
  afterEach(async () => {
    await anthropic.hang(false);
    anthropic.reset();
  });
  afterAll(async () => {
    await t.close();
    await anthropic.stop();
  });

  it('uses the Anthropic provider when a key is set', () => {
    expect(t.app.get(AiService).provider.name).toBe('anthropic');
  });

  it('streams the chat reply from the Messages API and stores the proposed fix (JSON answer)', async () => {
    const session = await createSession(t.http, engineer.token, 'Outlook keeps asking for a password');
    await t.http.post(`${SESSIONS}/${session.id}/fixes`, { title: 'Reset the password', description: 'In the admin centre' }, { token: engineer.token });
    anthropic.queue({
      text: 'The cached credential is stale after the password change. Clear it and sign in again.',
      tools: [{ name: 'propose_fix', input: { title: 'Clear the cached mail credential', description: 'Remove it from Credential Manager, then sign in' } }],
    });
    const res = await t.http.post(messagesOf(session.id), { content: 'It started after the password reset' }, { token: engineer.token });
    expect(res.status).toBe(201);
    expect(res.body.assistantMessage.content).toBe('The cached credential is stale after the password change. Clear it and sign in again.');
    expect(res.body.proposedFixes).toEqual([
      expect.objectContaining({ title: 'Clear the cached mail credential', source: 'assistant', status: 'proposed' }),
    ]);

    const [call] = anthropic.calls;
    expect(apiKeyOf(call!)).toBe('sk-ant-test-key');
    const body = call!.body as { model: string; stream: boolean; system: string; messages: { role: string; content: string }[]; tools: { name: string }[] };
    expect(body).toMatchObject({ model: MODEL, stream: true });
    expect(body.system).toContain('troubleshooting assistant');
    expect(body.system).toContain('Problem: Outlook keeps asking for a password');
    expect(body.system).toContain('"Reset the password" — status proposed');
    expect(body.messages.at(-1)).toEqual({ role: 'user', content: 'It started after the password reset' });
    expect(body.tools.map((tool) => tool.name)).toEqual(['propose_fix']);

    // The next call carries the conversation so far, alternating turns.
    anthropic.queue({ text: 'Good. Did the prompt stop?' });
    await t.http.post(messagesOf(session.id), { content: 'Cleared it' }, { token: engineer.token });
    const second = anthropic.calls[1]!.body as { messages: { role: string; content: string }[] };
    expect(second.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
  });

  it('relays the stream to the client as delta events', async () => {
    const session = await createSession(t.http, engineer.token);
    anthropic.queue({ text: 'First check whether the profile is cached, then look at the sign-in logs.', chunks: 5 });
    const res = await postMessageStream(t.http, session.id, 'Where do I start?', engineer.token);
    expect(res.status).toBe(200);
    const deltas = res.events.filter((e) => e.event === 'delta').map((e) => e.data.text);
    expect(deltas.length).toBe(5);
    expect(deltas.join('')).toBe('First check whether the profile is cached, then look at the sign-in logs.');
    expect(res.events.at(-1)).toMatchObject({ event: 'done', data: { proposedFixIds: [] } });
  });

  it('retries an overloaded (529) or failing (500) API and then answers', async () => {
    const session = await createSession(t.http, engineer.token);
    anthropic.failNext(529);
    anthropic.failNext(500);
    anthropic.queue({ text: 'Answer after retries.' });
    const res = await t.http.post(messagesOf(session.id), { content: 'Anyone there?' }, { token: engineer.token });
    expect(res.status).toBe(201);
    expect(res.body.assistantMessage.content).toBe('Answer after retries.');
    expect(anthropic.calls).toHaveLength(3);
  });

  it('gives up after the retries with 502 ai_unavailable, keeping the message and noting the failure', async () => {
    const session = await createSession(t.http, engineer.token);
    anthropic.failNext(500, 3);
    const res = await t.http.post(messagesOf(session.id), { content: 'Still there?' }, { token: engineer.token });
    expect(res.status).toBe(502);
    expect(res.body).toMatchObject({ error: 'ai_unavailable', details: { userMessageId: expect.any(String) } });
    expect(anthropic.calls).toHaveLength(3);
    const steps = (await detail(session.id)).steps;
    expect(steps.map((s) => [s.role, s.content])).toEqual([
      ['engineer', 'Still there?'],
      ['system', 'The assistant was unavailable and could not answer.'],
    ]);
    expect(steps[0]!.id).toBe(res.body.details.userMessageId);
  });

  it('never hangs: a silent API is a 504 ai_timeout within the deadline', async () => {
    const session = await createSession(t.http, engineer.token);
    await anthropic.hang();
    const started = Date.now();
    const res = await t.http.post(messagesOf(session.id), { content: 'Hello?' }, { token: engineer.token });
    const elapsed = Date.now() - started;
    expect(res.status).toBe(504);
    expect(res.body.error).toBe('ai_timeout');
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_SECONDS * 1000 - 100);
    expect(elapsed).toBeLessThan(TIMEOUT_SECONDS * 1000 + 2_500);
    expect((await detail(session.id)).steps.map((s) => s.content)).toEqual(['Hello?', 'The assistant did not answer in time.']);
  });

  it('ends a stream whose API went silent with an error event', async () => {
    const session = await createSession(t.http, engineer.token);
    await anthropic.hang();
    const res = await postMessageStream(t.http, session.id, 'Hello?', engineer.token);
    expect(res.status).toBe(200);
    expect(res.events.at(-1)).toMatchObject({ event: 'error', data: { statusCode: 504, error: 'ai_timeout' } });
  });

  it('stores the whole reply even when the client disconnects mid-answer', async () => {
    const session = await createSession(t.http, engineer.token);
    anthropic.queue({ text: 'A complete answer that nobody waited for.', delayMs: 600 });
    const controller = new AbortController();
    const request = fetch(`${t.baseUrl}${messagesOf(session.id)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${engineer.token}`, 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ content: 'Going to lunch, answer when you can' }),
      signal: controller.signal,
    });
    const response = await request;
    expect(response.status).toBe(200);
    controller.abort();
    const deadline = Date.now() + 5_000;
    let steps = (await detail(session.id)).steps;
    while (steps.length < 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      steps = (await detail(session.id)).steps;
    }
    expect(steps.map((s) => [s.role, s.content])).toEqual([
      ['engineer', 'Going to lunch, answer when you can'],
      ['assistant', 'A complete answer that nobody waited for.'],
    ]);
  });

  it('writes the resolution note with a one-shot call, passing pending fixes as such', async () => {
    const session = await createSession(t.http, engineer.token, 'Mapped drive missing');
    const fix = (await t.http.post(`${SESSIONS}/${session.id}/fixes`, { title: 'Re-run the logon script', description: 'gpupdate then log off' }, { token: engineer.token })).body;
    await t.http.patch(`${SESSIONS}/${session.id}/fixes/${fix.id}/outcome`, { outcome: 'applied_pending', reason: 'waiting for the next logon' }, { token: engineer.token });
    anthropic.queue({ text: 'Resolution (provisional): the logon script was re-run; confirm at next logon.' });

    const res = await t.http.post(`${SESSIONS}/${session.id}/resolve`, { note: 'Told the user to log off tonight' }, { token: engineer.token });
    expect(res.status).toBe(200);
    expect(res.body.session.resolutionNote).toBe('Resolution (provisional): the logon script was re-run; confirm at next logon.');
    const body = anthropic.calls[0]!.body as { stream?: boolean; system: string; messages: { content: string }[] };
    expect(body.stream).toBe(false);
    expect(body.system).toContain('resolution note');
    expect(body.messages[0]!.content).toContain('"Re-run the logon script" — status applied_pending; waiting on: waiting for the next logon');
    expect(body.messages[0]!.content).toContain("Engineer's closing words: Told the user to log off tonight");
  });

  it('still resolves when the API is down: the note is written from the record instead', async () => {
    const session = await createSession(t.http, engineer.token, 'Slow VPN');
    anthropic.failNext(503, 3);
    const res = await t.http.post(`${SESSIONS}/${session.id}/resolve`, {}, { token: engineer.token });
    expect(res.status).toBe(200);
    expect(res.body.session.status).toBe('resolved');
    expect(res.body.session.resolutionNote).toContain('Problem: Slow VPN');
    expect(res.body.session.resolutionNote).toContain('The assistant was unavailable');
  });

  it('builds the escalation package and the assessment for the handoff module', async () => {
    const session = await createSession(t.http, engineer.token, 'Laptop cannot reach the file server');
    const fix = (await t.http.post(`${SESSIONS}/${session.id}/fixes`, { title: 'Flush DNS', description: 'ipconfig /flushdns' }, { token: engineer.token })).body;
    await t.http.patch(`${SESSIONS}/${session.id}/fixes/${fix.id}/outcome`, { outcome: 'applied_pending', reason: 'waiting for the VPN to reconnect' }, { token: engineer.token });
    const sessions = t.app.get(SessionsService);
    const loaded = await t.app.get(TenantDatabase).run(engineer.user.account.id, () => sessions.loadForEscalation(session.id));

    anthropic.queue({ text: 'Leading hypothesis: stale DNS; confirm once the VPN reconnects.' });
    const pkg = await sessions.buildEscalationPackage(loaded!, 'Beyond my DNS knowledge');
    expect(pkg).toMatchObject({
      generatedBy: 'anthropic',
      document: 'Leading hypothesis: stale DNS; confirm once the VPN reconnects.',
      leadingHypothesis: { fixId: fix.id, waitingOn: 'waiting for the VPN to reconnect' },
    });
    expect((anthropic.calls[0]!.body as { system: string }).system).toContain('escalation briefing');

    anthropic.queue({
      tools: [
        {
          name: 'record_assessment',
          input: { summary: 'DNS flush applied, unverified.', likelyCause: 'Stale DNS cache', suggestedSteps: ['Confirm after reconnect', 'Check the DNS suffix'], confidenceTier: 'medium' },
        },
      ],
    });
    await expect(sessions.assessForEscalation(loaded!)).resolves.toEqual({
      summary: 'DNS flush applied, unverified.',
      likelyCause: 'Stale DNS cache',
      suggestedSteps: ['Confirm after reconnect', 'Check the DNS suffix'],
      confidenceTier: 'medium',
    });
    expect(anthropic.calls[1]!.body).toMatchObject({ tool_choice: { type: 'tool', name: 'record_assessment' } });

    await anthropic.hang();
    await expect(sessions.assessForEscalation(loaded!)).rejects.toBeInstanceOf(AiTimeoutError);
  });
});
