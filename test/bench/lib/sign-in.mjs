import { BENCH_PASSWORD } from './seed.mjs';

/**
 * Signs people in through POST /auth/login, a few at a time. The suite signs in far more people
 * from one address than the login limit allows, so a 429 resets the counters (owner connection)
 * and the sign-in is retried: the limiter itself is not what is measured.
 */
export async function signIn(baseUrl, owner, emails, { concurrency = 4 } = {}) {
  const sessions = new Map();
  const queue = [...emails];
  const worker = async () => {
    for (let email = queue.shift(); email; email = queue.shift()) sessions.set(email, await signInOne(baseUrl, owner, email));
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return sessions;
}

async function signInOne(baseUrl, owner, email) {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: BENCH_PASSWORD }),
    });
    if (res.status === 429) {
      await owner.query(`delete from rate_limit_hits where key like 'login-%'`);
      continue;
    }
    const body = await res.json();
    if (res.status !== 200) throw new Error(`Signing in ${email} failed: ${res.status} ${JSON.stringify(body)}`);
    return { token: body.accessToken, refreshToken: body.refreshToken, userId: body.user.id, accountId: body.user.account.id };
  }
  throw new Error(`Signing in ${email} stayed rate-limited`);
}
