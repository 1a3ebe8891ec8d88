import pg from 'pg';
import type { AuthResponse, IssuedInvite } from '@resolutionflow/contracts';

let counter = 0;

/** A unique, obviously fake address. */
export function e2eEmail(label: string): string {
  counter += 1;
  return `${label}-${counter}-${Date.now().toString(36)}@example.test`;
}

export const PASSWORD = 'correct-horse-battery';

async function post<T>(origin: string, path: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(`${origin}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** Arranging a scene through the real API, for steps a test is not about. */
export function registerOwner(origin: string, email: string, accountName = 'Acme IT'): Promise<AuthResponse> {
  return post<AuthResponse>(origin, '/auth/register', { email, password: PASSWORD, name: 'Olivia Owner', accountName });
}

export function inviteTeammate(origin: string, token: string, email: string): Promise<IssuedInvite> {
  return post<IssuedInvite>(origin, '/accounts/invites', { email, role: 'engineer' }, token);
}

/** Runs SQL as the database owner, for states the API offers no shortcut to (a trial that ran out). */
export async function sql(databaseUrl: string, text: string, values: unknown[] = []): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(text, values);
  } finally {
    await client.end();
  }
}
