import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { registerOwner } from '../support/identity.js';
import { createSession, SESSIONS } from '../support/sessions.js';
import { addTeammate } from '../support/team.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

const EXAMPLE = join(process.cwd(), 'docs/examples/escalation-client.mjs');

describe('the integrator guide’s example client', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(() => t.close());

  it('lists, follows the stream and claims a new escalation with an API key', async () => {
    const owner = await registerOwner(t.http, { name: 'Olivia Owner' });
    const junior = await addTeammate(t.http, owner.token, 'engineer', 'Jo Junior');
    const key = await t.http.post('/api/v1/accounts/api-keys', { name: 'On-call bot', role: 'engineer' }, { token: owner.token });
    expect(key.status).toBe(201);

    const child = spawn(process.execPath, [EXAMPLE], {
      env: { ...process.env, RESOLUTIONFLOW_URL: t.baseUrl, RESOLUTIONFLOW_API_KEY: key.body.secret, CLAIM: '1', EXIT_AFTER: '3' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));

    for (let i = 0; i < 100 && !output.includes('stream ready'); i += 1) await new Promise((r) => setTimeout(r, 50));
    expect(output).toContain('open escalations: 0');
    const session = await createSession(t.http, junior.token, 'Mailbox migration stuck');
    const handoff = await t.http.post(`${SESSIONS}/${session.id}/handoff`, { intent: 'escalate', reason: 'Need a senior' }, { token: junior.token });
    expect(handoff.status).toBe(201);

    expect(await exited).toBe(0);
    expect(output).toContain(`handoff_created ${session.id}`);
    expect(output).toContain(`claimed ${handoff.body.id}`);
    expect(output).toContain(`handoff_claimed ${session.id}`);
    const detail = await t.http.get(`${SESSIONS}/${session.id}`, { token: owner.token });
    expect(detail.body.escalatedToId).toBe(owner.user.id);
  });
});
