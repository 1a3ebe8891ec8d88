import { performance } from 'node:perf_hooks';
import { startApi } from './lib/api-process.mjs';
import { signIn } from './lib/sign-in.mjs';
import { ms, summarize } from './lib/stats.mjs';

/**
 * Figure 3: `claimers` people claim the same handoff at once, `claimRounds` times (a fresh
 * escalation each round). Exactly one must win each round; everyone else gets 409
 * handoff_already_claimed. The database is checked too: one claimer stored, one `won` attempt.
 */
export async function runClaimRace(ctx) {
  const { settings, owner, data } = ctx;
  const section = ctx.report.section(`3. Claim race — ${settings.claimers} concurrent claimers on one handoff, ${settings.claimRounds} rounds`);
  const api = await startApi({ databaseUrl: ctx.database.url, settings, label: 'api-claim' });
  try {
    const people = data.race.claimers.map((p) => p.email);
    const sessions = await signIn(api.baseUrl, owner, people);
    const tokens = people.map((email) => sessions.get(email).token);
    // Every claimer's connection is open before the first round, so the requests leave together.
    await Promise.all(tokens.map((token) => fetch(`${api.baseUrl}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.arrayBuffer())));

    const lostTimes = [];
    const wonTimes = [];
    const unexpected = new Map();
    let violations = 0;
    for (const { sessionId, handoffId } of data.race.handoffs.slice(0, settings.claimRounds)) {
      const url = `${api.baseUrl}/api/v1/ai-sessions/${sessionId}/handoffs/${handoffId}/claim`;
      const answers = await Promise.all(
        tokens.map(async (token) => {
          const started = performance.now();
          const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
          const body = await res.json();
          return { status: res.status, code: body?.error, ms: performance.now() - started };
        }),
      );
      const winners = answers.filter((a) => a.status === 200);
      if (winners.length !== 1) violations += 1;
      for (const a of answers) {
        if (a.status === 200) wonTimes.push(a.ms);
        else if (a.status === 409 && a.code === 'handoff_already_claimed') lostTimes.push(a.ms);
        else unexpected.set(`${a.status} ${a.code ?? ''}`, (unexpected.get(`${a.status} ${a.code ?? ''}`) ?? 0) + 1);
      }
    }
    const rounds = Math.min(settings.claimRounds, data.race.handoffs.length);
    const { rows } = await owner.query(
      `select count(*) filter (where h.claimed_by is not null and w.won = 1)::int as "rightlyClaimed",
              coalesce(sum(w.won), 0)::int as won, coalesce(sum(w.lost), 0)::int as lost
         from handoffs h
         left join lateral (select count(*) filter (where outcome = 'won') as won, count(*) filter (where outcome = 'lost') as lost
                              from handoff_claim_attempts a where a.handoff_id = h.id) w on true
        where h.id = any($1::uuid[])`,
      [data.race.handoffs.slice(0, rounds).map((h) => h.handoffId)],
    );
    const stored = rows[0];
    const lost = summarize(lostTimes);
    const won = summarize(wonTimes);
    section.row({ figure: 'rounds without exactly one winner (violations)', value: `${violations} of ${rounds}`, target: '0', met: violations === 0 });
    section.row({ figure: '409 handoff_already_claimed answers p50 / p99', value: `${ms(lost.p50)} / ${ms(lost.p99)}`, met: undefined });
    section.row({ figure: 'winning claim (200) p50 / p99', value: `${ms(won.p50)} / ${ms(won.p99)}` });
    section.note(
      `${lostTimes.length} answers 409 handoff_already_claimed, ${wonTimes.length} answers 200` +
        `${unexpected.size ? `, unexpected: ${[...unexpected].map(([k, v]) => `${v}× ${k}`).join(', ')}` : ''}. ` +
        `Stored: ${stored.rightlyClaimed} of ${rounds} handoffs claimed with exactly one 'won' attempt; ${stored.won} won and ${stored.lost} lost attempts recorded.`,
    );
    section.note('Each claimer signs in as a different engineer of one account; all requests of a round start together on open keep-alive connections; one API process.');
  } finally {
    await api.stop();
  }
}
