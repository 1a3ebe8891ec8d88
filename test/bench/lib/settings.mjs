/**
 * Every knob of the suite, from the environment. The defaults are the figures; shorter
 * values are for trying the suite out (the numbers are then not comparable to the targets).
 */
const number = (name, fallback) => {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
};

export const PHASES = ['http', 'sse', 'claim', 'analytics', 'two', 'web'];

function phases() {
  const raw = process.env.BENCH_ONLY?.trim();
  if (!raw) return new Set(PHASES);
  const wanted = raw.split(',').map((p) => p.trim()).filter(Boolean);
  const unknown = wanted.filter((p) => !PHASES.includes(p));
  if (unknown.length) throw new Error(`BENCH_ONLY: unknown phase(s) ${unknown.join(', ')}; known: ${PHASES.join(', ')}`);
  return new Set(wanted);
}

export function loadSettings() {
  return {
    phases: phases(),
    httpSeconds: number('BENCH_DURATION_S', 20),
    httpWarmupSeconds: number('BENCH_WARMUP_S', 3),
    connections: number('BENCH_CONNECTIONS', 50),
    queueSize: number('BENCH_QUEUE_SIZE', 200),
    sseClients: number('BENCH_SSE_CLIENTS', 2_000),
    sseAccounts: number('BENCH_SSE_ACCOUNTS', 20),
    sseSeniorsPerAccount: number('BENCH_SSE_SENIORS', 5),
    sseRate: number('BENCH_SSE_RATE', 50),
    sseSeconds: number('BENCH_SSE_SECONDS', 20),
    claimers: number('BENCH_CLAIMERS', 100),
    claimRounds: number('BENCH_CLAIM_ROUNDS', 50),
    webRuns: number('BENCH_WEB_RUNS', 5),
    poolMax: process.env.BENCH_POOL_MAX ? number('BENCH_POOL_MAX', 10) : undefined,
    cpuProfileDir: process.env.BENCH_CPU_PROF?.trim() || undefined,
    keepDatabase: process.env.BENCH_KEEP_DB === '1',
    apiLogLevel: process.env.BENCH_LOG_LEVEL ?? 'warn',
  };
}
