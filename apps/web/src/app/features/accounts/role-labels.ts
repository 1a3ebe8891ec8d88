import type { Role } from '@resolutionflow/contracts';

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  owner: 'Owner',
  admin: 'Admin',
  engineer: 'Engineer',
  viewer: 'Viewer',
};

/** What each role may do, in a line, for pickers. */
export const ROLE_HINTS: Readonly<Record<Role, string>> = {
  owner: 'Everything, including billing and ownership',
  admin: 'Manages the team, billing and integrations',
  engineer: 'Works sessions, escalates and picks up handoffs',
  viewer: 'Reads sessions and reports',
};

/** "Ask {inviter} to resend it", or to whoever sent it when the name is unknown. */
export function resendAdvice(inviterName: string | null | undefined): string {
  const who = inviterName?.trim() || 'the person who invited you';
  return `Ask ${who} to resend the invitation.`;
}

/** A ready-to-send email asking for a fresh invitation (the recipient is for the invitee to fill in). */
export function resendMailto(accountName: string | null | undefined): string {
  const team = accountName?.trim() ? ` to ${accountName.trim()}` : '';
  const subject = `Please resend my ResolutionFlow invitation${team}`;
  const body = `Hi,\n\nMy invitation${team} on ResolutionFlow no longer works. Could you send me a new one?\n\nThanks!`;
  return `mailto:?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}
