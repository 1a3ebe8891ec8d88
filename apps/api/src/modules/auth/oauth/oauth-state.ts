import { z } from 'zod';
import { newSecret } from '../../../core/security/secrets.js';

/**
 * The OAuth `state` parameter: base64url(JSON `{csrf, accountInviteCode?, invitedEmail?}`).
 * `csrf` equals the value of a cookie set on this browser when the sign-in started, so a callback
 * that another site tricks the browser into opening cannot complete; the invite fields carry
 * what the start page knew across the provider's round trip.
 */
export interface OAuthState {
  csrf: string;
  accountInviteCode?: string;
  invitedEmail?: string;
}

const stateSchema = z.object({
  csrf: z.string().min(20).max(128),
  accountInviteCode: z.string().max(128).optional(),
  invitedEmail: z.string().max(254).optional(),
});

export function newOAuthState(intent: Omit<OAuthState, 'csrf'>): OAuthState {
  return { csrf: newSecret(), ...intent };
}

export function encodeOAuthState(state: OAuthState): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

/** The decoded state, or null for anything that is not one of ours. */
export function decodeOAuthState(value: unknown): OAuthState | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 1024) return null;
  try {
    const parsed = stateSchema.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
