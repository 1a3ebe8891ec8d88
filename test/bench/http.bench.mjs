import autocannon from 'autocannon';
import { startApi, startBaseline } from './lib/api-process.mjs';
import { backendsCpu, backendsDelta, processCpuMs } from './lib/cpu.mjs';
import { runtimeRoleUrl } from './lib/postgres.mjs';
import { signIn } from './lib/sign-in.mjs';
import { ms, percent, perSecond, ratio } from './lib/stats.mjs';

export const ENDPOINTS = [
  { name: 'GET /api/v1/auth/me', path: '/api/v1/auth/me' },
  { name: 'GET /api/v1/ai-sessions/escalations', path: '/api/v1/ai-sessions/escalations' },
];

/**
 * `connections` keep-alive connections for `seconds` against one or more servers (round-robin).
 * With `cpu` ({ owner, pids, applicationName }) it also reports the CPU time per request of the
 * server processes and of their PostgreSQL backends: steadier than req/s on a shared machine.
 */
export async function load(baseUrls, path, token, { connections, seconds, cpu }) {
  const before = cpu && { own: cpu.pids.map(processCpuMs), db: await backendsCpu(cpu.owner, cpu.applicationName) };
  const result = await autocannon({
    url: baseUrls.map((base) => `${base}${path}`),
    connections,
    duration: seconds,
    headers: { authorization: `Bearer ${token}` },
  });
  const failures = result.non2xx + result.errors + result.timeouts;
  const figures = { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, requests: result.requests.total, failures };
  if (cpu && result.requests.total) {
    const own = cpu.pids.map(processCpuMs).reduce((sum, now, i) => sum + (now - before.own[i]), 0);
    const db = backendsDelta(before.db, await backendsCpu(cpu.owner, cpu.applicationName));
    figures.cpuPerRequest = own / result.requests.total;
    figures.dbCpuPerRequest = db === null ? NaN : db / result.requests.total;
  }
  return figures;
}

async function sameAnswer(base, api, path, token) {
  const read = async (url) => {
    const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`${url}${path} answered ${res.status}: ${await res.text()}`);
    return res.json();
  };
  const [a, b] = await Promise.all([read(base), read(api)]);
  const shape = (body) => (Array.isArray(body.items) ? body.items.map((i) => i.sessionId).join() : `${body.id}|${body.account.name}|${body.subscription.status}`);
  if (shape(a) !== shape(b)) throw new Error(`The baseline and the API disagree on ${path}; the comparison would be unfair`);
}

/**
 * Figure 1: each endpoint at `connections` connections for `seconds`, the bare baseline first,
 * then the API, after a warm-up of each. Answers the API's figures for the two-process run.
 */
export async function runHttp(ctx) {
  const { settings, report, database, owner, data } = ctx;
  const section = report.section(`1. HTTP — ${settings.connections} connections, ${settings.httpSeconds} s per run`);
  const baseline = await startBaseline({ appUrl: runtimeRoleUrl(database.url), ownerUrl: database.url, settings });
  const single = {};
  let api;
  try {
    api = await startApi({ databaseUrl: database.url, settings, cpuProfile: true, label: 'api-http' });
    const { token } = (await signIn(api.baseUrl, owner, [data.queue.senior.email])).get(data.queue.senior.email);
    for (const endpoint of ENDPOINTS) {
      await sameAnswer(baseline.baseUrl, api.baseUrl, endpoint.path, token);
      const warm = { connections: settings.connections, seconds: settings.httpWarmupSeconds };
      await load([baseline.baseUrl], endpoint.path, token, warm);
      await load([api.baseUrl], endpoint.path, token, warm);
      const run = { connections: settings.connections, seconds: settings.httpSeconds };
      const base = await load([baseline.baseUrl], endpoint.path, token, { ...run, cpu: { owner, pids: [baseline.child.pid], applicationName: 'resolutionflow-bench-baseline' } });
      const mine = await load([api.baseUrl], endpoint.path, token, { ...run, cpu: { owner, pids: [api.child.pid], applicationName: 'resolutionflow-api' } });
      single[endpoint.path] = mine;
      const throughput = mine.rps / base.rps;
      const tail = mine.p99 / base.p99;
      section.row({ figure: `${endpoint.name} throughput`, value: perSecond(mine.rps), baseline: perSecond(base.rps), ratio: percent(throughput), target: '≥ 60% of baseline', met: throughput >= 0.6 });
      section.row({ figure: `${endpoint.name} p50 latency`, value: ms(mine.p50), baseline: ms(base.p50), ratio: ratio(mine.p50 / base.p50) });
      section.row({ figure: `${endpoint.name} p99 latency`, value: ms(mine.p99), baseline: ms(base.p99), ratio: ratio(tail), target: '≤ 3× baseline', met: tail <= 3 });
      section.row({ figure: `${endpoint.name} server CPU per request`, value: ms(mine.cpuPerRequest), baseline: ms(base.cpuPerRequest), ratio: ratio(mine.cpuPerRequest / base.cpuPerRequest) });
      section.row({ figure: `${endpoint.name} PostgreSQL CPU per request`, value: ms(mine.dbCpuPerRequest), baseline: ms(base.dbCpuPerRequest), ratio: ratio(mine.dbCpuPerRequest / base.dbCpuPerRequest) });
      if (mine.failures || base.failures) section.note(`${endpoint.name}: ${mine.failures} failed API answers, ${base.failures} failed baseline answers (non-2xx, errors, timeouts)`);
    }
    section.note(
      'Baseline: plain node:http + pg.Pool of the same size as rf_app (row-level security on); per request it verifies the JWT, ' +
        'runs BEGIN, set_config, one statement (/auth/me: user ⋈ account ⋈ subscription by primary key; queue: the API\'s own statement), COMMIT.',
    );
    section.note(`Load: autocannon in the bench process, keep-alive, ${settings.httpWarmupSeconds} s warm-up of each server before its run; one API process, job worker off.`);
  } finally {
    await api?.stop();
    await baseline.stop();
  }
  return single;
}

/** Figure 5 (HTTP half): the same load split round-robin over two API processes on one database. */
export async function runHttpTwoProcesses(ctx, single) {
  const { settings, database, owner, data } = ctx;
  const section = ctx.report.section('5a. Two API processes — HTTP');
  const apis = [];
  try {
    for (const label of ['api-a', 'api-b']) apis.push(await startApi({ databaseUrl: database.url, settings, label }));
    const { token } = (await signIn(apis[0].baseUrl, owner, [data.queue.senior.email])).get(data.queue.senior.email);
    const bases = apis.map((a) => a.baseUrl);
    for (const endpoint of ENDPOINTS) {
      await load(bases, endpoint.path, token, { connections: settings.connections, seconds: settings.httpWarmupSeconds });
      let one = single?.[endpoint.path];
      if (!one) {
        // Without the single-process run in this invocation, measure it here for the ratio.
        await load([bases[0]], endpoint.path, token, { connections: settings.connections, seconds: settings.httpWarmupSeconds });
        one = await load([bases[0]], endpoint.path, token, { connections: settings.connections, seconds: settings.httpSeconds });
      }
      const two = await load(bases, endpoint.path, token, { connections: settings.connections, seconds: settings.httpSeconds });
      section.row({ figure: `${endpoint.name} throughput, 2 processes`, value: perSecond(two.rps), baseline: `${perSecond(one.rps)} (1 process)`, ratio: ratio(two.rps / one.rps) });
      section.row({ figure: `${endpoint.name} p99, 2 processes`, value: ms(two.p99), baseline: `${ms(one.p99)} (1 process)`, ratio: ratio(two.p99 / one.p99) });
      if (two.failures) section.note(`${endpoint.name}: ${two.failures} failed answers with two processes`);
    }
    section.note('Connections alternate between the two ports. On a 2-core machine the two processes share the cores with PostgreSQL and the load generator, so the ratio shows the headroom, not linear scaling.');
  } finally {
    await Promise.all(apis.map((a) => a.stop()));
  }
}
