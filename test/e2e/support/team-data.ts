import type { AuthResponse, IssuedInvite } from '@resolutionflow/contracts';
import type { Page } from 'playwright-core';
import { PASSWORD } from './app-data.js';

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

/** A new engineer in the inviter's account, through the real invite and sign-up endpoints. */
export async function addEngineer(origin: string, inviterToken: string, email: string, name: string): Promise<AuthResponse> {
  const invite = await post<IssuedInvite>(origin, '/accounts/invites', { email, role: 'engineer' }, inviterToken);
  const code = new URL(invite.inviteUrl).searchParams.get('code');
  return post<AuthResponse>(origin, '/auth/register', { email, password: PASSWORD, name, accountInviteCode: code });
}

/** Signs in through the sign-in page and waits for the app to open `path`. */
export async function signIn(page: Page, email: string, path: string): Promise<void> {
  await page.goto(`/login?returnUrl=${encodeURIComponent(path)}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === path.split('?')[0]);
}
