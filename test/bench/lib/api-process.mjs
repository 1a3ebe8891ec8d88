import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAIN_JS, ROOT } from './paths.mjs';
import { freePort } from './postgres.mjs';

/** Every server process this run started: whatever happens to the run, none outlives it. */
const started = new Set();
process.on('exit', () => {
  for (const child of started) child.kill('SIGKILL');
});

function track(child) {
  started.add(child);
  child.once('exit', () => started.delete(child));
  return child;
}

/** Starts waiting for readiness; a server that never gets there is stopped, not left behind. */
async function ready(server, path) {
  try {
    await waitUntilReady(server, path);
  } catch (error) {
    await stopProcess(server.child);
    throw error;
  }
}

/** One secret for every process of a run, so the baseline verifies the API's tokens the same way. */
export const BENCH_JWT_SECRET = `bench-${randomBytes(24).toString('hex')}`;
const ENCRYPTION_KEY = randomBytes(32).toString('hex');

/**
 * The built API as its own process, configured as in production (NODE_ENV=production, warn logs).
 * The job worker is off unless asked for: the figures are about requests and the stream, and a
 * worker polling the queue would add load that no figure accounts for.
 */
export async function startApi({ databaseUrl, settings, env = {}, cpuProfile = false, gcOnSignal = false, label = 'api' }) {
  const port = await freePort();
  const nodeArgs = [];
  if (cpuProfile && settings.cpuProfileDir) nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${settings.cpuProfileDir}`, `--cpu-prof-name=${label}-${Date.now()}.cpuprofile`);
  const output = [];
  const child = track(spawn(process.execPath, [...nodeArgs, MAIN_JS], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      APP_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: settings.apiLogLevel,
      JWT_SECRET: BENCH_JWT_SECRET,
      ENCRYPTION_KEY,
      JOBS_WORKER_ENABLED: 'false',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'rf-bench-data-')),
      ...(settings.poolMax ? { DATABASE_POOL_MAX: String(settings.poolMax) } : {}),
      ...(gcOnSignal ? { NODE_OPTIONS: GC_ON_SIGNAL } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  }));
  const keep = (chunk) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const api = {
    label,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    child,
    output,
    /** Resident memory of the process now, in bytes (VmRSS). */
    rss: () => rssOf(child.pid),
    collectGarbage: () => collectGarbage(child),
    stop: () => stopProcess(child),
  };
  await ready(api);
  return api;
}

const GC_ON_SIGNAL = `--expose-gc --require ${join(ROOT, 'test/bench/lib/gc-on-signal.cjs')}`;

/** A full collection in a process started with `gcOnSignal`, then a moment for it to finish. */
async function collectGarbage(child) {
  child.kill('SIGUSR2');
  await new Promise((resolve) => setTimeout(resolve, 500));
}

export function rssOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`No VmRSS for process ${pid}`);
  return Number(match[1]) * 1024;
}

async function waitUntilReady(api, path = '/api/v1/health/ready') {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (api.child.exitCode !== null) throw new Error(`${api.label} exited with ${api.child.exitCode}:\n${api.output.join('')}`);
    try {
      const res = await fetch(`${api.baseUrl}${path}`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`${api.label} did not become ready:\n${api.output.join('')}`);
}

/** SIGTERM and wait: the API drains and writes its CPU profile (when asked for) on the way out. */
export async function stopProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}


/** The bare baseline (test/bench/baseline-server.mjs) as its own process, like the API. */
export async function startBaseline({ appUrl, ownerUrl, settings, gcOnSignal = false }) {
  const port = await freePort();
  const child = track(spawn(process.execPath, [join(ROOT, 'test/bench/baseline-server.mjs')], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', DATABASE_APP_URL: appUrl, DATABASE_OWNER_URL: ownerUrl, PORT: String(port), JWT_SECRET: BENCH_JWT_SECRET, POOL_MAX: String(settings.poolMax ?? 10), ...(gcOnSignal ? { NODE_OPTIONS: GC_ON_SIGNAL } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  }));
  const output = [];
  child.stdout.on('data', (c) => output.push(c.toString()));
  child.stderr.on('data', (c) => output.push(c.toString()));
  const baseline = {
    label: 'baseline',
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    child,
    output,
    rss: () => rssOf(child.pid),
    collectGarbage: () => collectGarbage(child),
    stop: () => stopProcess(child),
  };
  await ready(baseline, '/health');
  return baseline;
}
