#!/usr/bin/env node
// A minimal ResolutionFlow integration: list open escalations, follow the live stream (resuming
// with Last-Event-ID after a drop), and optionally claim every new escalation.
//
//   RESOLUTIONFLOW_URL=https://app.example.com RESOLUTIONFLOW_API_KEY=rfk_… node escalation-client.mjs
//
// Options (environment): CLAIM=1 claims each new escalation; EXIT_AFTER=N stops after N stream events.
// Needs Node 18+ (global fetch). No dependencies.

const base = (process.env.RESOLUTIONFLOW_URL ?? 'http://localhost:3000').replace(/\/$/, '');
const apiKey = process.env.RESOLUTIONFLOW_API_KEY;
const claimNew = process.env.CLAIM === '1';
const exitAfter = Number(process.env.EXIT_AFTER ?? Infinity);
if (!apiKey) {
  console.error('Set RESOLUTIONFLOW_API_KEY to an API key (Settings → API keys).');
  process.exit(64);
}
const headers = { authorization: `Bearer ${apiKey}` };

async function api(method, path) {
  const response = await fetch(`${base}/api/v1${path}`, { method, headers });
  const body = await response.json().catch(() => null);
  // Every error answers { statusCode, error, message, details? }: switch on `error`.
  if (!response.ok) return { ok: false, status: response.status, error: body?.error, message: body?.message, details: body?.details };
  return { ok: true, status: response.status, body };
}

async function claim(sessionId, handoffId) {
  const result = await api('POST', `/ai-sessions/${sessionId}/handoffs/${handoffId}/claim`);
  if (result.ok) console.log(`claimed ${handoffId}`);
  else if (result.error === 'handoff_already_claimed') console.log(`already claimed by ${result.details.claimedBy.name}`);
  else console.log(`claim failed: ${result.status} ${result.error}`);
}

/** Reads one SSE response; calls onEvent for each event; resolves when the server ends the stream. */
async function readStream(response, onEvent) {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body) {
    buffer += decoder.decode(chunk, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = { type: 'message', id: undefined, data: '' };
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue; // heartbeat comment
        const [field, ...rest] = line.split(':');
        const value = rest.join(':').replace(/^ /, '');
        if (field === 'event') event.type = value;
        else if (field === 'id') event.id = value;
        else if (field === 'data') event.data += value;
      }
      if (event.data) await onEvent({ ...event, data: JSON.parse(event.data) });
    }
  }
}

const queue = await api('GET', '/ai-sessions/escalations');
if (!queue.ok) {
  console.error(`Listing escalations failed: ${queue.status} ${queue.error}`);
  process.exit(1);
}
console.log(`open escalations: ${queue.body.items.length}`);
for (const item of queue.body.items) console.log(`- ${item.problemSummary} (${item.claimedBy ? `claimed by ${item.claimedBy.name}` : 'open'})`);

let lastEventId;
let seen = 0;
for (let attempt = 0; seen < exitAfter; attempt += 1) {
  try {
    const response = await fetch(`${base}/api/v1/ai-sessions/escalations/stream`, {
      headers: { ...headers, accept: 'text/event-stream', ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
    });
    if (response.status === 401 || response.status === 403) {
      console.error(`The stream refused this key: ${response.status}`);
      process.exit(1);
    }
    attempt = 0;
    await readStream(response, async (event) => {
      if (event.id) lastEventId = event.id; // resume point if the connection drops
      if (event.type === 'ready') return console.log('stream ready');
      if (event.type === 'access_revoked') {
        console.error(`The stream ended: access revoked (${event.data.reason})`);
        process.exit(1);
      }
      seen += 1;
      console.log(`${event.type} ${event.data.sessionId ?? ''}`.trim());
      if (event.type === 'handoff_created' && claimNew) await claim(event.data.sessionId, event.data.handoffId);
      if (seen >= exitAfter) process.exit(0);
    });
  } catch (error) {
    console.error(`stream dropped: ${error.message}`);
  }
  // Reconnect with backoff and jitter; Last-Event-ID replays what was missed meanwhile.
  await new Promise((r) => setTimeout(r, Math.min(30_000, 500 * 2 ** attempt) * (0.5 + Math.random() / 2)));
}
