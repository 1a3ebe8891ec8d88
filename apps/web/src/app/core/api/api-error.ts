import { HttpErrorResponse } from '@angular/common/http';
import type { ErrorCode, ErrorEnvelope } from '@resolutionflow/contracts';

import { messageForError, NETWORK_ERROR, retryAfterText } from './error-messages';

/** A failed API call, shaped like the API's error envelope so callers switch on `code`. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

// A structural check instead of the contract's Zod schema keeps Zod out of the browser bundle.
function isErrorEnvelope(body: unknown): body is ErrorEnvelope {
  if (typeof body !== 'object' || body === null) return false;
  const { statusCode, error, message, details } = body as Record<string, unknown>;
  return (
    typeof statusCode === 'number' &&
    typeof error === 'string' &&
    typeof message === 'string' &&
    (details === undefined || (typeof details === 'object' && details !== null))
  );
}

// Bodies that are not an envelope come from something in front of the API (proxy, gateway).
function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'validation_failed';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 413:
      return 'payload_too_large';
    case 429:
      return 'rate_limited';
    case 502:
    case 503:
    case 504:
      return 'service_unavailable';
    default:
      return 'internal_error';
  }
}

/** Converts any failure of an HttpClient call into an `ApiError`; the original stays as `cause`. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (!(error instanceof HttpErrorResponse)) {
    return new ApiError(0, 'internal_error', messageForError('internal_error'), undefined, { cause: error });
  }
  // Status 0 means the request never got an HTTP answer: offline, DNS, CORS or a refused connection.
  if (error.status === 0) {
    return new ApiError(0, NETWORK_ERROR, messageForError(NETWORK_ERROR), undefined, { cause: error });
  }
  if (isErrorEnvelope(error.error)) {
    const { statusCode, error: code, message, details } = error.error;
    return new ApiError(statusCode, code, message, details, { cause: error });
  }
  const code = codeForStatus(error.status);
  return new ApiError(error.status, code, messageForError(code), undefined, { cause: error });
}

/** The sentence to show for any failure: readable text by code, plus when to retry after a 429. */
export function describeError(error: unknown): string {
  const apiError = toApiError(error);
  const retry = apiError.code === 'rate_limited' ? retryAfterText(apiError.details) : null;
  return retry ? `Too many requests. ${retry}` : messageForError(apiError.code, apiError.message);
}
