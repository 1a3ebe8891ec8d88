import type { SessionDetail } from '@resolutionflow/contracts';
import type { DataSource } from 'typeorm';
import { PRIVILEGED_DATA_SOURCE } from '../../apps/api/src/core/database/data-sources.js';
import { EntitlementsService } from '../../apps/api/src/modules/billing/entitlements.service.js';
import type { HttpClient } from './http-client.js';
import type { TestApp } from './test-app.js';

export const SESSIONS = '/api/v1/ai-sessions';

/** Creates a session through the real endpoint. */
export async function createSession(http: HttpClient, token: string, problemSummary = 'Outlook keeps asking for a password'): Promise<SessionDetail> {
  const res = await http.post<SessionDetail>(SESSIONS, { problemSummary }, { token });
  if (res.status !== 201) throw new Error(`creating a session failed: ${res.status} ${res.text}`);
  return res.body;
}

/** Ends the account's trial yesterday: Pro routes must answer 402 from now on. */
export async function lapseSubscription(t: TestApp, accountId: string): Promise<void> {
  const db = t.app.get<DataSource>(PRIVILEGED_DATA_SOURCE);
  await db.query(`update subscriptions set status = 'trialing', trial_ends_at = now() - interval '1 day' where account_id = $1`, [accountId]);
  // As a billing change would, so the cached entitlements of this process see it at once.
  t.app.get(EntitlementsService).dropLocal({ accountId });
}

export interface PostedEvent {
  event: string;
  data: any;
}

/** Parses a whole `text/event-stream` body into its events (comments dropped). */
export function parseEventStream(text: string): PostedEvent[] {
  const events: PostedEvent[] = [];
  for (const block of text.split('\n\n')) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
    }
    if (data.length) events.push({ event, data: JSON.parse(data.join('\n')) });
  }
  return events;
}

/** POSTs a chat message asking for the SSE stream; answers the status, headers and parsed events. */
export async function postMessageStream(http: HttpClient, sessionId: string, content: string, token: string) {
  const res = await http.post(`${SESSIONS}/${sessionId}/messages`, { content }, { token, headers: { accept: 'text/event-stream' } });
  const contentType = res.headers.get('content-type') ?? '';
  return { status: res.status, headers: res.headers, events: contentType.includes('event-stream') ? parseEventStream(res.text) : [], body: res.body };
}
