import { randomBytes } from 'node:crypto';
import type { AuthResponse } from '@resolutionflow/contracts';
import type { HttpClient } from './http-client.js';
import type { CapturedMail, SmtpCapture } from './smtp-capture.js';

export interface SignedIn {
  token: string;
  refreshToken: string;
  user: AuthResponse['user'];
  email: string;
  password: string;
}

let counter = 0;

/** A unique, obviously fake address for a test user. */
export function testEmail(label = 'user'): string {
  counter += 1;
  return `${label}-${counter}-${randomBytes(3).toString('hex')}@example.test`;
}

export const TEST_PASSWORD = 'correct-horse-battery';

/** Registers through the real endpoint: a new account, its owner and a Pro trial. */
export async function registerOwner(
  http: HttpClient,
  overrides: Partial<{ email: string; name: string; accountName: string; password: string; inviteCode: string }> = {},
): Promise<SignedIn> {
  const email = overrides.email ?? testEmail('owner');
  const password = overrides.password ?? TEST_PASSWORD;
  // Each sign-up comes from its own address, as real ones do, so the per-IP sign-up limit stays out of the way.
  const res = await http.fromAnotherClient().post<AuthResponse>('/api/v1/auth/register', {
    email,
    password,
    name: overrides.name ?? 'Olivia Owner',
    accountName: overrides.accountName ?? 'Acme IT',
    ...(overrides.inviteCode ? { inviteCode: overrides.inviteCode } : {}),
  });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${res.text}`);
  return { token: res.body.accessToken, refreshToken: res.body.refreshToken, user: res.body.user, email, password };
}

/** The `token` query parameter of the first link in a captured email. */
export function tokenFromMail(mail: CapturedMail, param = 'token'): string {
  const link = /https?:\/\/\S+/.exec(mail.text)?.[0];
  const token = link ? new URL(link).searchParams.get(param) : null;
  if (!token) throw new Error(`no ${param} link in mail "${mail.subject}"`);
  return token;
}

export function mailTo(smtp: SmtpCapture, email: string, subject: RegExp): Promise<CapturedMail> {
  return smtp.waitFor((m) => m.to.includes(email) && subject.test(m.subject));
}
