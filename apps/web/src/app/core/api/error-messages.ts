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

const GENERIC_MESSAGE = 'Something went wrong. Please try again.';

function isKnownErrorCode(code: string): code is KnownErrorCode {
  return Object.hasOwn(MESSAGES, code);
}

/** Readable English for an API error code; unknown codes use `fallback` (usually the server's message). */
export function messageForError(code: string, fallback?: string): string {
  if (isKnownErrorCode(code)) return MESSAGES[code];
  return fallback?.trim() || GENERIC_MESSAGE;
}
