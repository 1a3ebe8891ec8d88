import type { ERROR_CODES } from '@resolutionflow/contracts';

/** Raised by the client itself when no response arrived at all. */
export const NETWORK_ERROR = 'network_error';

type KnownErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES] | typeof NETWORK_ERROR;

// Typed against the contract so a new shared code fails the build until it has a message.
const MESSAGES: Record<KnownErrorCode, string> = {
  validation_failed: 'Some fields need attention. Check the highlighted values and try again.',
  unauthorized: 'Your session has ended. Please sign in again.',
  forbidden: 'You do not have permission to do that.',
  not_found: 'We could not find what you were looking for.',
  rate_limited: 'Too many requests. Please wait a moment and try again.',
  payload_too_large: 'That is too large to upload.',
  unsupported_media_type: 'That file type is not supported.',
  service_unavailable: 'ResolutionFlow is temporarily unavailable. Please try again shortly.',
  internal_error: 'Something went wrong on our side. Please try again.',
  network_error: 'The server could not be reached. Check your connection and try again.',
};

// Codes of the account area (auth, invites, members, billing and plan limits, onboarding) that people meet in forms.
const ACCOUNT_MESSAGES: Readonly<Record<string, string>> = {
  invalid_credentials: 'The email or password is incorrect.',
  email_already_registered: 'An account already uses this email address. Sign in instead.',
  invite_code_required: 'Signing up needs an invite code.',
  invite_code_invalid: 'This invite code is invalid, expired or used up.',
  invite_invalid_or_expired_or_revoked:
    'This invitation is no longer valid: it may have expired, been revoked or already been used.',
  invite_email_mismatch: 'This invitation was sent to a different email address. Use the address it was sent to.',
  invalid_or_expired_token: 'This link is invalid or has expired.',
  email_already_verified: 'Your email address is already verified.',
  email_verification_required: 'Verify your email address to continue: open the link we emailed you, or send a new one.',
  invalid_exchange_code: 'This sign-in has expired. Please sign in again.',
  invalid_refresh_token: 'Your session has ended. Please sign in again.',
  refresh_token_reused: 'For your security this session was signed out. Please sign in again.',
  account_removed: 'This user was removed from its account. Ask an account owner if you need access again.',
  oauth_access_denied: 'Sign-in was cancelled at the provider.',
  oauth_state_invalid: 'This sign-in could not be verified. Please start it again.',
  oauth_provider_error: 'The sign-in provider did not complete the sign-in. Please try again.',
  oauth_provider_disabled: 'Sign-in with this provider is not enabled.',
  oauth_failed: 'Sign-in did not work. Please try again.',
  subscription_required: 'This feature needs an active subscription.',
  stripe_not_configured: 'Online payment is not set up on this ResolutionFlow server yet.',
  no_stripe_customer: 'There is no billing account yet: choose a plan first.',
  stripe_unavailable: 'The payment provider did not answer. Nothing was charged; please try again shortly.',
  unknown_plan: 'That plan is not on offer any more. Reload the page to see the current plans.',
  plan_not_purchasable: 'This plan cannot be bought online yet. Talk to sales and we will set it up with you.',
  already_subscribed: 'This account already has a subscription. Change it under "Manage payment and invoices".',
  last_owner: 'An account needs at least one owner. Make someone else an owner first.',
  cannot_change_own_role: 'You cannot change your own role.',
  invite_already_pending: 'This address already has a pending invitation. Resend it from the list instead.',
  invite_already_accepted: 'This invitation has already been accepted.',
  invite_not_resendable: 'This invitation can no longer be resent.',
  seat_limit_reached:
    'Every seat on this plan is taken by members and pending invitations. An owner or admin can upgrade the plan, remove a member or revoke an invitation to free one.',
  monthly_session_limit_reached:
    "This month's sessions on your plan are used up. New sessions can start on the 1st of next month (UTC), or upgrade the plan for more.",
  invite_code_exists: 'That code already exists. Choose another one.',
  onboarding_step_cannot_decrease: 'This step is already done.',
  psa_not_connected: 'ConnectWise is not connected yet. Save the connection first.',
  psa_private_key_required: 'Enter the private key to connect ConnectWise.',
  psa_site_url_insecure: 'The ConnectWise address must start with https://.',
  psa_site_url_not_allowed: 'That ConnectWise address is not allowed. Use your ConnectWise API site, e.g. https://api-na.myconnectwise.net.',
  psa_unavailable: 'ConnectWise did not answer as expected. Check the connection settings or try again later.',
  psa_credentials_unreadable: 'The saved ConnectWise keys can no longer be read. Enter the private key again and save.',
  integration_not_configured: 'Save a webhook address for this channel first.',
};

const GENERIC_MESSAGE = 'Something went wrong. Please try again.';

function isKnownErrorCode(code: string): code is KnownErrorCode {
  return Object.hasOwn(MESSAGES, code);
}

/** Readable English for an API error code; unknown codes use `fallback` (usually the server's message). */
export function messageForError(code: string, fallback?: string): string {
  if (isKnownErrorCode(code)) return MESSAGES[code];
  if (Object.hasOwn(ACCOUNT_MESSAGES, code)) return ACCOUNT_MESSAGES[code]!;
  return fallback?.trim() || GENERIC_MESSAGE;
}

/** "Please wait N minutes" for a 429 that says how long (`details.retryAfterSeconds`), else null. */
export function retryAfterText(details: Record<string, unknown> | undefined): string | null {
  const seconds = details?.['retryAfterSeconds'];
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) return null;
  if (seconds < 90) return `Please try again in ${Math.ceil(seconds)} seconds.`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 90) return `Please try again in ${minutes} minutes.`;
  return `Please try again in about ${Math.round(minutes / 60)} hours.`;
}
