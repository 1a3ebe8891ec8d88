/**
 * The bare baseline of the HTTP figures: plain node:http, a pg.Pool of the API's size connected as
 * the runtime role (rf_app, row-level security on), and per request only what the answer needs —
 * verify the bearer token (jose, HS256, as the API does), one tenant transaction (BEGIN,
 * set_config('app.account_id'), the statement, COMMIT), JSON.stringify. No framework, no guards.
 *
 *   GET /api/v1/auth/me                 one indexed query: the user with its account and subscription
 *   GET /api/v1/ai-sessions/escalations the API's own queue statement (imported from the build)
 *   GET /api/v1/ai-sessions/escalations/stream
 *                                       the same live events as the API's stream, fanned out bare:
 *                                       LISTEN on the outbox channel (owner connection), read the
 *                                       announced rows once, write each event once per matching socket
 *
 * Env: DATABASE_APP_URL, DATABASE_OWNER_URL, PORT, JWT_SECRET, POOL_MAX (10). Started by test/bench/run.mjs.
 */
import { createServer } from 'node:http';
import { join } from 'node:path';
import { jwtVerify } from 'jose';
import pg from 'pg';
import { API_DIST } from './lib/paths.mjs';

const { ESCALATION_QUEUE_SQL } = await import(join(API_DIST, 'modules/handoff/handoffs.repository.js'));

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_APP_URL,
  max: Number(process.env.POOL_MAX ?? 10),
  application_name: 'resolutionflow-bench-baseline',
  statement_timeout: 15_000,
});
// Imported once, as the API does (jose would import raw bytes again on every verify).
const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(process.env.JWT_SECRET), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
const STREAM_TYPES = new Set(['handoff_created', 'handoff_claimed', 'handoff_assessment_ready', 'notification_created']);
/** accountId → Set of { res, userId } */
const streams = new Map();
const listener = new pg.Client({ connectionString: process.env.DATABASE_OWNER_URL, application_name: 'resolutionflow-bench-baseline-listen' });
await listener.connect();
await listener.query('LISTEN rf_outbox');
let pendingIds = [];
let flushing = false;
listener.on('notification', (message) => {
  if (!/^\d+$/.test(message.payload)) return;
  pendingIds.push(message.payload);
  if (!flushing) setImmediate(flush);
  flushing = true;
});

async function flush() {
  const ids = pendingIds;
  pendingIds = [];
  try {
    const { rows } = await listener.query(
      `select id::text, account_id as "accountId", type, payload, recipient_user_id as "recipientUserId" from outbox_events where id = any($1::bigint[]) order by id`,
      [ids],
    );
    for (const row of rows) {
      const listeners = streams.get(row.accountId);
      if (!listeners || !STREAM_TYPES.has(row.type)) continue;
      const chunk = `event: ${row.type}\nid: ${row.id}\ndata: ${JSON.stringify(row.payload)}\n\n`;
      for (const l of listeners) if (row.recipientUserId === null || row.recipientUserId === l.userId) l.res.write(chunk);
    }
  } catch (error) {
    process.stderr.write(`baseline fan-out: ${error.message}\n`);
  } finally {
    flushing = false;
    if (pendingIds.length) {
      flushing = true;
      setImmediate(flush);
    }
  }
}

function openStream(req, res, claims) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.write(`\nevent: ready\nid: 0\ndata: ${JSON.stringify({ accountId: claims.accountId, resumedFrom: null })}\n\n`);
  let set = streams.get(claims.accountId);
  if (!set) streams.set(claims.accountId, (set = new Set()));
  const entry = { res, userId: claims.userId };
  set.add(entry);
  req.socket.setNoDelay(true);
  res.on('close', () => set.delete(entry));
}

const ME_SQL = `
  select u.id, u.email, u.name, u.role, u.super_admin as "superAdmin", u.email_verified_at as "emailVerifiedAt",
         u.onboarding_step_completed as "onboardingStepCompleted", u.onboarding_dismissed as "onboardingDismissed",
         u.created_at as "createdAt", a.name as "accountName", s.plan, s.status, s.trial_ends_at as "trialEndsAt"
    from users u join accounts a on a.id = u.account_id left join subscriptions s on s.account_id = u.account_id
   where u.id = $1 and u.account_id = $2 and u.removed_at is null`;

async function claimsOf(req) {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!match) return null;
  try {
    const { payload } = await jwtVerify(match[1], key, { algorithms: ['HS256'], issuer: 'resolutionflow', audience: 'resolutionflow-api' });
    return payload.typ === 'access' ? { userId: payload.sub, accountId: payload.acc } : null;
  } catch {
    return null;
  }
}

async function inTenant(accountId, sql, params) {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query(`select set_config('app.account_id', $1, true)`, [accountId]);
    const { rows } = await client.query(sql, params);
    await client.query('commit');
    return rows;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

function me(row, accountId) {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    superAdmin: row.superAdmin,
    emailVerified: row.emailVerifiedAt !== null,
    emailVerificationDeadline: null,
    account: { id: accountId, name: row.accountName },
    subscription: row.plan ? { plan: row.plan, status: row.status, trialEndsAt: row.trialEndsAt?.toISOString() ?? null } : { plan: 'free', status: 'none', trialEndsAt: null },
    onboardingStepCompleted: row.onboardingStepCompleted,
    onboardingDismissed: row.onboardingDismissed,
    createdAt: row.createdAt.toISOString(),
  };
}

function send(res, status, body) {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url, 'http://baseline');
    if (url.pathname === '/health') return send(res, 200, { status: 'ok' });
    const claims = await claimsOf(req);
    if (!claims) return send(res, 401, { error: { code: 'unauthorized' } });
    if (url.pathname === '/api/v1/auth/me') {
      const [row] = await inTenant(claims.accountId, ME_SQL, [claims.userId, claims.accountId]);
      return row ? send(res, 200, me(row, claims.accountId)) : send(res, 401, { error: { code: 'unauthorized' } });
    }
    if (url.pathname === '/api/v1/ai-sessions/escalations/stream') return openStream(req, res, claims);
    if (url.pathname === '/api/v1/ai-sessions/escalations') {
      const limit = Math.min(100, Math.max(1, Number(url.searchParams.get('limit') ?? 50) || 50));
      return send(res, 200, { items: await inTenant(claims.accountId, ESCALATION_QUEUE_SQL, [claims.accountId, claims.userId, limit]) });
    }
    return send(res, 404, { error: { code: 'not_found' } });
  } catch (error) {
    return send(res, 500, { error: { code: 'internal', message: error.message } });
  }
});
server.keepAliveTimeout = 72_000;
server.listen(Number(process.env.PORT), '127.0.0.1');

const stop = () => {
  server.closeAllConnections();
  server.close(() => Promise.all([pool.end(), listener.end()]).then(() => process.exit(0)));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
