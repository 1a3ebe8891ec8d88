import { HttpException, HttpStatus } from '@nestjs/common';
import type { ErrorEnvelope } from '@resolutionflow/contracts';
import { isDatabaseUnavailable } from '../database/database-errors.js';
import { AppError } from './app-error.js';

export interface MappedError {
  envelope: ErrorEnvelope;
  headers?: Record<string, string>;
  /** True when the failure is ours, not the client's: it gets logged with its stack. */
  unexpected: boolean;
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable_entity',
  429: 'rate_limited',
  503: 'service_unavailable',
};

/** Fastify's own client errors (bad JSON, wrong content type, body too large) carry these codes. */
const FASTIFY_CLIENT_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'malformed_json', message: 'The request body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'malformed_json', message: 'The JSON body is empty' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload_too_large', message: 'The request body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    message: 'Unsupported content type; send application/json',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'bad_request', message: 'Invalid Content-Length' },
  FST_ERR_BAD_URL: { status: 400, code: 'malformed_url', message: 'The request URL is not valid (bad percent-encoding or UTF-8)' },
};

function envelope(statusCode: number, error: string, message: string, details?: Record<string, unknown>): ErrorEnvelope {
  return details === undefined ? { statusCode, error, message } : { statusCode, error, message, details };
}

/** Maps anything thrown while handling a request to the one error envelope of SPEC §0. */
export function toErrorEnvelope(exception: unknown): MappedError {
  if (exception instanceof AppError) {
    return {
      envelope: envelope(exception.status, exception.code, exception.message, exception.details),
      headers: exception.headers,
      unexpected: exception.status >= 500,
    };
  }

  // Nest wraps Fastify's client errors in an HttpException whose cause keeps the original code.
  const fastifyError = exception instanceof HttpException ? exception.cause : exception;
  const fastifyCode = (fastifyError as { code?: unknown } | null | undefined)?.code;
  if (typeof fastifyCode === 'string' && fastifyCode in FASTIFY_CLIENT_ERRORS) {
    const known = FASTIFY_CLIENT_ERRORS[fastifyCode]!;
    return { envelope: envelope(known.status, known.code, known.message), unexpected: false };
  }

  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    const message =
      typeof body === 'string'
        ? body
        : typeof (body as { message?: unknown }).message === 'string'
          ? (body as { message: string }).message
          : exception.message;
    const code = status === HttpStatus.NOT_FOUND ? 'not_found' : (CODE_BY_STATUS[status] ?? 'http_error');
    return {
      envelope: envelope(status, code, status === 404 ? 'Not found' : message),
      unexpected: status >= 500,
    };
  }

  // A client error raised by a Fastify plugin carries statusCode.
  const statusCode = (exception as { statusCode?: unknown } | null)?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return {
      envelope: envelope(statusCode, CODE_BY_STATUS[statusCode] ?? 'bad_request', 'The request could not be processed'),
      unexpected: false,
    };
  }

  // The database restarting or out of reach: worth retrying in a moment, and health checks say so too.
  if (isDatabaseUnavailable(exception)) {
    return {
      envelope: envelope(503, 'service_unavailable', 'The service is briefly unavailable; try again in a moment'),
      headers: { 'Retry-After': '2' },
      unexpected: true,
    };
  }

  return {
    envelope: envelope(500, 'internal_error', 'Something went wrong on our side; it has been logged'),
    unexpected: true,
  };
}
