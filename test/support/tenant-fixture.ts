import type { ConnectWiseStandIn } from './connectwise-stand-in.js';
import { registerOwner, type SignedIn } from './identity.js';
import { createSession, SESSIONS } from './sessions.js';
import { addTeammate, invite, inviteCodeOf } from './team.js';
import type { TestApp } from './test-app.js';

/** A lived-in account, built through the real API: what a cross-tenant attacker would aim at. */
export interface PopulatedAccount {
  accountId: string;
  owner: SignedIn;
  admin: SignedIn;
  junior: SignedIn;
  senior: SignedIn;
  viewer: SignedIn;
  inviteId: string;
  inviteCode: string;
  apiKey: { id: string; secret: string };
  sessionId: string;
  fixId: string;
  handoffId: string;
  notificationId: string;
  ticketId: number;
  scriptSessionId: string;
}

async function expectStatus<T>(what: string, res: Promise<{ status: number; body: T; text: string }>, status: number): Promise<T> {
  const answer = await res;
  if (answer.status !== status) throw new Error(`${what}: expected ${status}, got ${answer.status} ${answer.text}`);
  return answer.body;
}

/**
 * Owner, admin, two engineers and a viewer; a pending invite; an engineer API key; a PSA
 * connection and a Slack webhook; a session linked to a ticket with chat steps and a fix,
 * escalated (handoff, notifications); a script-builder session.
 */
export async function populateAccount(t: TestApp, options: { name: string; connectWise: ConnectWiseStandIn; slackUrl: string }): Promise<PopulatedAccount> {
  const { http } = t;
  const owner = await registerOwner(http, { accountName: options.name, name: `${options.name} Owner` });
  const [admin, junior, senior, viewer] = await Promise.all([
    addTeammate(http, owner.token, 'admin', `${options.name} Admin`),
    addTeammate(http, owner.token, 'engineer', `${options.name} Junior`),
    addTeammate(http, owner.token, 'engineer', `${options.name} Senior`),
    addTeammate(http, owner.token, 'viewer', `${options.name} Viewer`),
  ]);
  const pending = await invite(http, owner.token, 'engineer');
  const apiKey = await expectStatus<{ id: string; secret: string }>(
    'api key',
    http.post('/api/v1/accounts/api-keys', { name: `${options.name} integration`, role: 'engineer' }, { token: owner.token }),
    201,
  );
  await expectStatus('psa connection', http.put('/api/v1/psa/connection', options.connectWise.connectionSettings({ defaultBoardId: 5 }), { token: owner.token }), 200);
  await expectStatus('slack', http.put('/api/v1/accounts/integrations', { slackWebhookUrl: options.slackUrl }, { token: owner.token }), 200);

  const ticket = options.connectWise.addTicket({ summary: `${options.name}: Outlook prompts for a password` });
  const session = await expectStatus<{ id: string }>(
    'session',
    http.post(SESSIONS, { problemSummary: 'Outlook keeps asking for a password', psaTicketId: String(ticket.id) }, { token: junior.token }),
    201,
  );
  await expectStatus('chat', http.post(`${SESSIONS}/${session.id}/messages`, { content: 'Cleared the credential manager entry' }, { token: junior.token }), 201);
  const fix = await expectStatus<{ id: string }>(
    'fix',
    http.post(`${SESSIONS}/${session.id}/fixes`, { title: 'Recreate the Outlook profile', description: 'Control panel → Mail → Profiles' }, { token: junior.token }),
    201,
  );
  const handoff = await expectStatus<{ id: string }>(
    'escalation',
    http.post(`${SESSIONS}/${session.id}/handoff`, { intent: 'escalate', reason: 'Profile rebuild did not help', acknowledgeOpenFixes: true }, { token: junior.token }),
    201,
  );
  const notifications = await expectStatus<{ items: { id: string }[] }>('notifications', http.get('/api/v1/notifications', { token: owner.token }), 200);
  if (!notifications.items.length) throw new Error('the escalation notified nobody');
  const other = await createSession(http, junior.token, 'Printer offline');
  const script = await expectStatus<{ id: string }>(
    'script session',
    http.post('/api/v1/script-builder/sessions', { origin: 'pilot_inline', aiSessionId: other.id }, { token: junior.token }),
    201,
  );
  return {
    accountId: owner.user.account.id,
    owner,
    admin,
    junior,
    senior,
    viewer,
    inviteId: pending.id,
    inviteCode: inviteCodeOf(pending.inviteUrl),
    apiKey,
    sessionId: session.id,
    fixId: fix.id,
    handoffId: handoff.id,
    notificationId: notifications.items[0]!.id,
    ticketId: ticket.id,
    scriptSessionId: script.id,
  };
}
