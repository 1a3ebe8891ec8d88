import type { AuthResponse, GrantableRole, IssuedInvite } from '@resolutionflow/contracts';
import type { HttpClient } from './http-client.js';
import { TEST_PASSWORD, testEmail, type SignedIn } from './identity.js';

/** The `code` query parameter of an invite link. */
export function inviteCodeOf(inviteUrl: string): string {
  const code = new URL(inviteUrl).searchParams.get('code');
  if (!code) throw new Error(`no code in ${inviteUrl}`);
  return code;
}

/** Invites a new address through the real endpoint; answers the created invite. */
export async function invite(http: HttpClient, token: string, role: GrantableRole, email = testEmail(role)): Promise<IssuedInvite> {
  const res = await http.post<IssuedInvite>('/api/v1/accounts/invites', { email, role }, { token });
  if (res.status !== 201) throw new Error(`invite failed: ${res.status} ${res.text}`);
  return res.body;
}

/** Signs up with an invite code, as the accept-invite page does. */
export async function acceptInvite(http: HttpClient, issued: Pick<IssuedInvite, 'email' | 'inviteUrl'>, name = 'Tara Teammate'): Promise<SignedIn> {
  const res = await http.fromAnotherClient().post<AuthResponse>('/api/v1/auth/register', {
    email: issued.email,
    password: TEST_PASSWORD,
    name,
    accountInviteCode: inviteCodeOf(issued.inviteUrl),
  });
  if (res.status !== 201) throw new Error(`accepting the invite failed: ${res.status} ${res.text}`);
  return { token: res.body.accessToken, refreshToken: res.body.refreshToken, user: res.body.user, email: issued.email, password: TEST_PASSWORD };
}

/** A new member of the inviter's account with `role`, through invite and sign-up. */
export async function addTeammate(http: HttpClient, inviterToken: string, role: GrantableRole, name?: string): Promise<SignedIn> {
  return acceptInvite(http, await invite(http, inviterToken, role), name);
}
