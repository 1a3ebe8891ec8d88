import { hash } from '@node-rs/argon2';

export const BENCH_PASSWORD = 'bench-password-123';

/** The product's own Argon2id parameters; hashed once and shared by every seeded person. */
export function hashPassword() {
  return hash(BENCH_PASSWORD, { memoryCost: 19_456, timeCost: 2, parallelism: 1 });
}

/**
 * Accounts on a running Pro trial, with their people (verified, past the welcome wizard).
 * `people` lists per account [{ key, role }]; emails are `<key>@<tag>.bench.test`.
 */
async function seedAccounts(client, { tag, names, people, passwordHash }) {
  const { rows: accounts } = await client.query(
    `insert into accounts (name) select unnest($1::text[]) returning id, name`,
    [names],
  );
  await client.query(
    `insert into subscriptions (account_id, plan, status, trial_ends_at)
     select unnest($1::uuid[]), 'pro', 'trialing', now() + interval '30 days'`,
    [accounts.map((a) => a.id)],
  );
  const flat = accounts.flatMap((account, i) =>
    people(i).map((person) => ({ accountId: account.id, email: `${person.key}@${tag}.bench.test`, name: person.name ?? person.key, role: person.role })),
  );
  const { rows: users } = await client.query(
    `insert into users (account_id, email, name, role, password_hash, email_verified_at, onboarding_step_completed)
     select a, e, n, r, $5, now(), 3 from unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) as t(a, e, n, r)
     returning id, account_id as "accountId", email, role`,
    [flat.map((p) => p.accountId), flat.map((p) => p.email), flat.map((p) => p.name), flat.map((p) => p.role), passwordHash],
  );
  const byEmail = new Map(users.map((u) => [u.email, u]));
  return accounts.map((account, i) => ({
    id: account.id,
    name: account.name,
    people: people(i).map((p) => ({ ...byEmail.get(`${p.key}@${tag}.bench.test`), key: p.key })),
  }));
}

/**
 * Sessions owned by `ownerIds` (round-robin), each with `steps` alternating engineer/assistant
 * steps. `status` 'escalated' also writes the open escalation (a handoff nobody has claimed).
 */
async function seedSessions(client, { accountId, ownerIds, count, steps, status, claimerIds = [], claimedShare = 0 }) {
  const { rows } = await client.query(
    `insert into ai_sessions (account_id, owner_id, problem_summary, status, step_count, confidence_tier, escalation_reason, created_at, updated_at)
     select $1, ($2::uuid[])[1 + (g % cardinality($2::uuid[]))], 'Bench problem ' || g || ': Outlook keeps asking for the password after the tenant migration',
            $3, $4, (array['low','medium','high'])[1 + g % 3], case when $3 = 'escalated' then 'Bench: stuck after the usual fixes' end,
            now() - (g || ' minutes')::interval - interval '1 hour', now() - (g || ' minutes')::interval
       from generate_series(1, $5) g
     returning id, owner_id as "ownerId"`,
    [accountId, ownerIds, status, steps, count],
  );
  const ids = rows.map((r) => r.id);
  if (steps > 0) {
    await client.query(
      `insert into session_steps (account_id, session_id, sequence, role, author_id, content, created_at)
       select s.account_id, s.id, n, case when n % 2 = 1 then 'engineer' else 'assistant' end,
              case when n % 2 = 1 then s.owner_id end,
              case when n % 2 = 1 then 'Tried recreating the profile; same prompt.' else 'Check the modern authentication registry keys and the credential manager entries.' end,
              s.created_at + (n || ' minutes')::interval
         from ai_sessions s, generate_series(1, $2) n
        where s.id = any($1::uuid[])`,
      [ids, steps],
    );
  }
  let handoffs = [];
  if (status === 'escalated') {
    // Claimed ones are picked by someone other than their escalator (the table's own CHECK).
    ({ rows: handoffs } = await client.query(
      `insert into handoffs (id, account_id, session_id, intent, reason, created_by, claimed_by, claimed_at, assessment_status, created_at)
       select gen_random_uuid(), s.account_id, s.id, 'escalate', s.escalation_reason, s.owner_id,
              c.claimer, case when c.claimer is not null then s.updated_at + interval '1 minute' end, 'unavailable', s.updated_at
         from ai_sessions s
         -- Hashes of the session id, not random(): a subquery that names no outer column runs once.
         left join lateral (
           select ($3::uuid[])[1 + abs(hashtext(s.id::text || 'claimer')) % cardinality($3::uuid[])] as claimer
            where abs(hashtext(s.id::text)) % 1000 < $2::float8 * 1000) c on c.claimer <> s.owner_id
        where s.id = any($1::uuid[])
       returning id as "handoffId", session_id as "sessionId"`,
      [ids, claimedShare, claimerIds.length ? claimerIds : [null]],
    ));
  }
  return { sessionIds: ids, handoffs };
}

/** The account behind the HTTP figures: a queue of open escalations and some history behind it. */
export async function seedQueueAccount(client, { tag, passwordHash, queueSize }) {
  const [account] = await seedAccounts(client, {
    tag,
    passwordHash,
    names: ['Bench Queue MSP'],
    people: () => [
      { key: 'queue-owner', role: 'owner' },
      ...[1, 2, 3, 4].map((n) => ({ key: `queue-junior-${n}`, role: 'engineer' })),
      { key: 'queue-senior', role: 'engineer', name: 'Sam Senior' },
      { key: 'queue-web', role: 'engineer', name: 'Wes Web' },
    ],
  });
  const juniors = account.people.filter((p) => p.key.startsWith('queue-junior')).map((p) => p.id);
  await seedSessions(client, { accountId: account.id, ownerIds: juniors, count: queueSize, steps: 8, status: 'escalated', claimerIds: juniors, claimedShare: 0.2 });
  // Closed work the queue must look past.
  await client.query(
    `insert into ai_sessions (account_id, owner_id, problem_summary, status, step_count, resolved_at, created_at, updated_at)
     select $1, ($2::uuid[])[1 + g % cardinality($2::uuid[])], 'Bench closed problem ' || g, 'resolved', 0,
            now() - (g || ' hours')::interval, now() - (g || ' hours')::interval - interval '1 hour', now() - (g || ' hours')::interval
       from generate_series(1, 2000) g`,
    [account.id, juniors],
  );
  const person = (key) => account.people.find((p) => p.key === key);
  return { accountId: account.id, senior: person('queue-senior'), web: person('queue-web') };
}

/** Accounts whose people watch the live stream: one junior who escalates, seniors who listen. */
export async function seedLiveAccounts(client, { tag, passwordHash, accounts, seniors, sessionsPerAccount }) {
  const seeded = await seedAccounts(client, {
    tag,
    passwordHash,
    names: Array.from({ length: accounts }, (_, i) => `Bench Live MSP ${i + 1}`),
    people: (i) => [
      { key: `live-${i + 1}-junior`, role: 'engineer' },
      ...Array.from({ length: seniors }, (_, k) => ({ key: `live-${i + 1}-senior-${k + 1}`, role: 'engineer' })),
    ],
  });
  const result = [];
  for (const account of seeded) {
    const junior = account.people.find((p) => p.key.endsWith('-junior'));
    const { sessionIds } = await seedSessions(client, { accountId: account.id, ownerIds: [junior.id], count: sessionsPerAccount, steps: 2, status: 'active' });
    result.push({ accountId: account.id, junior, seniors: account.people.filter((p) => p !== junior), sessionIds });
  }
  return result;
}

/** One junior's escalations, one per round, and everyone else racing to claim them. */
export async function seedRaceAccount(client, { tag, passwordHash, claimers, rounds }) {
  const [account] = await seedAccounts(client, {
    tag,
    passwordHash,
    names: ['Bench Race MSP'],
    people: () => [{ key: 'race-junior', role: 'engineer' }, ...Array.from({ length: claimers }, (_, k) => ({ key: `race-${k + 1}`, role: 'engineer' }))],
  });
  const junior = account.people.find((p) => p.key === 'race-junior');
  const { handoffs } = await seedSessions(client, { accountId: account.id, ownerIds: [junior.id], count: rounds, steps: 2, status: 'escalated' });
  return { accountId: account.id, claimers: account.people.filter((p) => p !== junior), handoffs };
}

/** As autovacuum would have by now: fresh statistics and a visibility map. */
export async function analyze(client) {
  await client.query('vacuum analyze');
}
