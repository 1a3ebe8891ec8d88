import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib/paths.mjs';

const SCRIPT = join(ROOT, 'test/bench/analytics.bench.mjs');

/**
 * Figure 4: the analytics benchmark is its own script (it seeds 100,000 handoffs in a database of
 * its own); run it on the same PostgreSQL server and take its p95 line.
 */
export async function runAnalytics(ctx, server) {
  const section = ctx.report.section('4. Analytics — escalation metrics at 100,000 handoffs');
  if (!existsSync(SCRIPT)) {
    section.note('analytics: see npm run bench:analytics');
    return;
  }
  const { code, output } = await new Promise((resolve) => {
    const chunks = [];
    const child = spawn(process.execPath, [SCRIPT], { cwd: ROOT, env: { ...process.env, DATABASE_URL: server.url }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (c) => chunks.push(c.toString()));
    child.stderr.on('data', (c) => chunks.push(c.toString()));
    child.on('close', (exit) => resolve({ code: exit, output: chunks.join('') }));
  });
  const p95 = /\bp95 ([\d.]+) ms/.exec(output);
  const p50 = /\bp50 ([\d.]+) ms/.exec(output);
  if (!p95) {
    section.note(`npm run bench:analytics did not report a p95 (exit ${code}); its output ends with:`);
    for (const line of output.trim().split('\n').slice(-8)) section.note(`  ${line}`);
    return;
  }
  const value = Number(p95[1]);
  section.row({ figure: 'GET /api/v1/analytics/flowpilot/escalations?period=90d p95', value: `${value.toFixed(2)} ms`, target: '≤ 50 ms', met: value <= 50 });
  if (p50) section.row({ figure: 'same, p50', value: `${Number(p50[1]).toFixed(2)} ms` });
  const seeded = /^Seeded .*$/m.exec(output);
  if (seeded) section.note(seeded[0]);
  section.note('From test/bench/analytics.bench.mjs (npm run bench:analytics): sequential requests from one client, full HTTP round trip, one API process.');
}
