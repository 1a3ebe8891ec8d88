import type { OAuthProvider } from '@resolutionflow/contracts';

import { API_BASE_PATH } from '../../core/api/api-client.service';
import { safeReturnUrl } from '../../core/auth/return-url';

export const PROVIDER_LABELS: Readonly<Record<OAuthProvider, string>> = {
  google: 'Google',
  microsoft: 'Microsoft',
};

export interface OAuthInvite {
  readonly accountInviteCode: string;
  readonly invitedEmail: string;
}

/** Where the browser goes to sign in with a provider (a full-page navigation, not an API call). */
export function oauthStartUrl(provider: OAuthProvider, invite?: OAuthInvite): string {
  const path = `${API_BASE_PATH}/auth/oauth/${provider}`;
  if (!invite) return path;
  const query = new URLSearchParams({ accountInviteCode: invite.accountInviteCode, invitedEmail: invite.invitedEmail });
  return `${path}?${query.toString()}`;
}

/** Where the person was going when a provider sign-in started; the round trip through the provider drops the query. */
const RETURN_KEY = 'resolutionflow.oauthReturnUrl';

// sessionStorage (this tab only); private modes and sandboxed frames may refuse it, which only loses the return address.
function tabStorage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

/** Keeps the return address (a path of this app only) for the callback; none clears an older one. */
export function rememberOAuthReturn(returnUrl: string | null | undefined): void {
  const target = safeReturnUrl(returnUrl);
  try {
    if (target) tabStorage()?.setItem(RETURN_KEY, target);
    else tabStorage()?.removeItem(RETURN_KEY);
  } catch {
    // Storage full or refused: the sign-in still works, it just lands on the default page.
  }
}

/** The return address kept by `rememberOAuthReturn`, once: it is forgotten as it is read. */
export function takeOAuthReturn(): string | null {
  try {
    const storage = tabStorage();
    const stored = storage?.getItem(RETURN_KEY) ?? null;
    storage?.removeItem(RETURN_KEY);
    // Checked again: storage is writable by anything running on this origin.
    return safeReturnUrl(stored);
  } catch {
    return null;
  }
}

/** What went wrong with a provider sign-in, said for the person who tried. */
export function oauthFailureText(code: string): { readonly title: string; readonly text: string } {
  switch (code) {
    case 'invite_email_mismatch':
      return {
        title: 'That account does not match the invitation',
        text: 'The invitation was sent to a different email address than the one your provider gave us. Sign in with the account of the invited address, or ask for an invitation to this one.',
      };
    case 'invite_invalid_or_expired_or_revoked':
      return {
        title: 'This invitation is no longer valid',
        text: 'It may have expired, been revoked or already been used. Ask the person who invited you to send a new one.',
      };
    case 'oauth_access_denied':
      return { title: 'Sign-in cancelled', text: 'You cancelled the sign-in at the provider. Nothing was changed.' };
    case 'email_already_registered':
      return {
        title: 'This email already has an account',
        text: 'An account with this address exists and the provider could not confirm the address is yours. Sign in with your email and password instead.',
      };
    case 'account_removed':
      return {
        title: 'This user was removed from its account',
        text: 'Ask an owner of your team if you need access again.',
      };
    case 'invite_code_required':
    case 'invite_code_invalid':
      return {
        title: 'Signing up needs an invite code',
        text: 'New accounts on this server need an invite code. Create your account with the code on the sign-up page.',
      };
    case 'oauth_state_invalid':
    case 'invalid_exchange_code':
      return {
        title: 'This sign-in expired',
        text: 'The sign-in took too long or was opened twice. Please start it again.',
      };
    case 'oauth_provider_disabled':
      return { title: 'This sign-in option is off', text: 'Sign-in with this provider is not enabled on this server.' };
    default:
      return {
        title: 'Sign-in did not work',
        text: 'The sign-in provider did not complete the sign-in. Please try again in a moment.',
      };
  }
}
