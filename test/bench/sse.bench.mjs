import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { startApi, startBaseline } from './lib/api-process.mjs';
import { processCpuMs } from './lib/cpu.mjs';
import { runtimeRoleUrl } from './lib/postgres.mjs';
import { signIn } from './lib/sign-in.mjs';
import { kib, ms, percent, ratio, summarize } from './lib/stats.mjs';
import { StreamReader } from './lib/stream-reader.mjs';

const STREAM_PATH = '/api/v1/ai-sessions/escalations/stream';
const DELIVERY_GRACE_MS = 15_000;

async function inBatches(items, size, work) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

/**
 * Figure 2 (and 5b with two processes): `sseClients` live streams spread over the live accounts
 * and round-robin over the stream servers; the account's junior escalates pre-created sessions
 * through the API at `sseRate` per second; every client must receive every `handoff_created` of
 * its account. With `bare`, the clients listen to the bare baseline's fan-out instead (the
 * escalations still go through one API process). Answers the figures for the comparisons.
 */
export async function runSse(ctx, { processes = 1, bare = false, baseline, single } = {}) {
  const { settings, owner, data } = ctx;
  const live = data.live;
  const load = `${settings.sseClients.toLocaleString('en')} clients over ${live.length} accounts, handoffs at ${settings.sseRate}/s for ${settings.sseSeconds} s`;
  const title = bare
    ? `2a. SSE fan-out baseline — the same ${load} on the bare node:http fan-out`
    : processes === 1
      ? `2. SSE fan-out — ${load}`
      : '5b. Two API processes — SSE fan-out (clients and escalations alternate between the processes)';
  const section = ctx.report.section(title);
  const apis = [];
  let servers = apis;
  const readers = [];
  try {
    for (let i = 0; i < processes; i += 1) apis.push(await startApi({ databaseUrl: ctx.database.url, settings, cpuProfile: true, gcOnSignal: true, label: `api-sse${bare ? '-bare' : processes}-${i + 1}` }));
    if (bare) servers = [await startBaseline({ appUrl: runtimeRoleUrl(ctx.database.url), ownerUrl: ctx.database.url, settings, gcOnSignal: true })];
    const people = live.flatMap((account) => [account.junior, ...account.seniors].map((p) => p.email));
    const sessions = await signIn(apis[0].baseUrl, owner, people);
    const totalRss = () => servers.reduce((sum, server) => sum + server.rss(), 0);
    // Both memory readings follow a full collection: retained memory, not garbage awaiting collection.
    const settledRss = async () => {
      await Promise.all(servers.map((server) => server.collectGarbage()));
      return totalRss();
    };
    // A few streams opened and closed first, so what is measured is per client, not first-use setup.
    await warmUp(servers, live, sessions);
    const rssBefore = await settledRss();

    const connectStarted = performance.now();
    const plan = Array.from({ length: settings.sseClients }, (_, i) => {
      const account = live[i % live.length];
      const senior = account.seniors[Math.floor(i / live.length) % account.seniors.length];
      return { account, token: sessions.get(senior.email).token, server: servers[i % servers.length] };
    });
    await inBatches(plan, 100, async (client) => {
      const reader = new StreamReader();
      reader.accountId = client.account.accountId;
      readers.push(reader);
      await reader.open(`${client.server.baseUrl}${STREAM_PATH}`, client.token);
    });
    const connectSeconds = (performance.now() - connectStarted) / 1000;
    await sleep(2_000);
    const rssUncollected = totalRss();
    const rssWithClients = await settledRss();

    const cpuBefore = servers.map((server) => processCpuMs(server.child.pid));
    const created = await escalateAtRate(apis, live, sessions, settings);
    const createSeconds = created.seconds;
    const cpuDuring = servers.reduce((sum, server, i) => sum + (processCpuMs(server.child.pid) - cpuBefore[i]), 0);

    const expected = new Map(live.map((a) => [a.accountId, []]));
    for (const h of created.ok) expected.get(h.accountId).push(h);
    const deliveredAll = () => readers.every((r) => expected.get(r.accountId).every((h) => r.received.has(h.id)));
    const waitStarted = performance.now();
    while (!deliveredAll() && performance.now() - waitStarted < DELIVERY_GRACE_MS) await sleep(100);
    const rssAfter = totalRss();

    const fromCreatedAt = [];
    const fromRequest = [];
    let lost = 0;
    for (const reader of readers) {
      for (const h of expected.get(reader.accountId)) {
        const got = reader.received.get(h.id);
        if (!got) {
          lost += 1;
          continue;
        }
        fromCreatedAt.push(got[0] - got[1]);
        fromRequest.push(got[0] - h.sentAt);
      }
    }
    const deliveries = fromCreatedAt.length;
    const latency = summarize(fromCreatedAt);
    const sinceRequest = summarize(fromRequest);
    const posts = summarize(created.ok.map((h) => h.answeredAt - h.sentAt));
    const perClient = (rssWithClients - rssBefore) / settings.sseClients;
    const perClientUncollected = (rssUncollected - rssBefore) / settings.sseClients;
    const brokenStreams = readers.filter((r) => r.closed).length;

    const vs = (mine, base, format) => (baseline ? { baseline: format(base), ratio: ratio(mine / base) } : {});
    section.row({ figure: 'delivery latency p50 (handoff createdAt → received)', value: ms(latency.p50), ...vs(latency.p50, baseline?.p50, ms) });
    section.row({
      figure: 'delivery latency p99 (handoff createdAt → received)',
      value: ms(latency.p99),
      ...vs(latency.p99, baseline?.p99, ms),
      ...(bare ? {} : { target: '≤ 100 ms', met: latency.p99 <= 100 }),
    });
    section.row({ figure: 'delivery latency p50 / p99 from the escalate request being sent', value: `${ms(sinceRequest.p50)} / ${ms(sinceRequest.p99)}` });
    section.row({
      figure: `${bare ? 'baseline' : 'API'} memory per connected client ((RSS with clients − RSS before) / clients, after a full GC)`,
      value: kib(perClient),
      ...vs(perClient, baseline?.perClient, kib),
      ...(bare ? {} : { target: '≤ 30 kB', met: perClient <= 30 * 1024 }),
    });
    section.row({ figure: 'events lost (expected deliveries not received)', value: `${lost} of ${(lost + deliveries).toLocaleString('en')}`, target: '0', met: lost === 0 });
    section.row({ figure: 'escalate requests (POST …/handoff) p50 / p99', value: `${ms(posts.p50)} / ${ms(posts.p99)}` });
    section.note(
      `${created.ok.length} handoffs created in ${createSeconds.toFixed(1)} s (${(created.ok.length / createSeconds).toFixed(1)}/s; ${created.failed.length} escalate requests failed` +
        `${created.failed.length ? `: ${[...new Set(created.failed.map((f) => f.status))].join(', ')}` : ''}); ` +
        `${deliveries.toLocaleString('en')} handoff_created deliveries and ${readers.reduce((s, r) => s + r.otherEvents, 0).toLocaleString('en')} other events (own notifications) received.`,
    );
    section.note(
      `${settings.sseClients} clients connected in ${connectSeconds.toFixed(1)} s; RSS ${mib(rssBefore)} before, ${mib(rssWithClients)} with clients, ${mib(rssAfter)} after the events` +
        ` (${kib(perClientUncollected)} per client when read 2 s after connecting without forcing a collection)` +
        ` (${servers.length} process${servers.length > 1 ? 'es' : ''}); ${bare ? 'baseline' : 'API'} CPU during the escalations ${percent(cpuDuring / (createSeconds * 1000))} of one core` +
        `${brokenStreams ? `; ${brokenStreams} streams ended early` : ''}.`,
    );
    section.note(
      `Clients: fetch() readers in the bench process with bearer tokens, ${settings.sseSeniorsPerAccount} seniors per account share the streams; the job worker is off (assessments, mail and chat jobs stay queued).` +
        (bare ? ' The baseline is a plain node:http server: LISTEN on the outbox channel, read the announced rows once, write each event to the matching sockets.' : ''),
    );
    const figures = { p50: latency.p50, p99: latency.p99, perClient, lost, rate: created.ok.length / createSeconds };
    if (single) {
      section.row({ figure: 'escalations sustained per second vs one process', value: figures.rate.toFixed(1), baseline: `${single.rate.toFixed(1)} (1 process)`, ratio: ratio(figures.rate / single.rate) });
      section.row({ figure: 'delivery p99 vs one process', value: ms(latency.p99), baseline: `${ms(single.p99)} (1 process)`, ratio: ratio(latency.p99 / single.p99) });
      section.row({ figure: 'memory per client vs one process', value: kib(perClient), baseline: `${kib(single.perClient)} (1 process)`, ratio: ratio(perClient / single.perClient) });
    }
    return figures;
  } finally {
    await Promise.all(readers.map((r) => r.close()));
    await Promise.all([...new Set([...servers, ...apis])].map((server) => server.stop()));
  }
}

const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

async function warmUp(servers, live, sessions) {
  const token = sessions.get(live[0].seniors[0].email).token;
  for (const api of servers) {
    const warm = await Promise.all(Array.from({ length: 20 }, async () => {
      const reader = new StreamReader();
      await reader.open(`${api.baseUrl}${STREAM_PATH}`, token);
      return reader;
    }));
    await Promise.all(warm.map((r) => r.close()));
  }
  await sleep(500);
}

/** The escalations, on a fixed schedule (not waiting for answers): `rate` per second, accounts in turn. */
async function escalateAtRate(apis, live, sessions, settings) {
  const total = Math.round(settings.sseRate * settings.sseSeconds);
  const interval = 1000 / settings.sseRate;
  const ok = [];
  const failed = [];
  const started = performance.now();
  const pending = [];
  for (let k = 0; k < total; k += 1) {
    const wait = started + k * interval - performance.now();
    if (wait > 0) await sleep(wait);
    const account = live[k % live.length];
    const sessionId = account.sessionIds[(account.next = (account.next ?? -1) + 1)];
    if (!sessionId) throw new Error('The bench ran out of seeded sessions');
    const api = apis[k % apis.length];
    const token = sessions.get(account.junior.email).token;
    pending.push(
      (async () => {
        const sentAt = performance.timeOrigin + performance.now();
        const res = await fetch(`${api.baseUrl}/api/v1/ai-sessions/${sessionId}/handoff`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ intent: 'escalate', reason: 'Bench: the usual fixes did not help' }),
        });
        const body = await res.json();
        const answeredAt = performance.timeOrigin + performance.now();
        if (res.status === 201) ok.push({ id: body.id, accountId: account.accountId, sentAt, answeredAt });
        else failed.push({ status: `${res.status} ${body?.error ?? ''}`.trim() });
      })().catch((error) => failed.push({ status: error.message })),
    );
  }
  await Promise.all(pending);
  return { ok, failed, seconds: (performance.now() - started) / 1000 };
}
