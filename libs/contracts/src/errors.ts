import { z } from 'zod';

/** The one error envelope every API failure answers with (SPEC §0). */
export const errorEnvelopeSchema = z.object({
  statusCode: z.number().int(),
  error: z.string().describe('Stable snake_case code clients switch on'),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

/** Per-field problems carried by 400 `validation_failed` in `details.fields`. */
export type FieldErrors = Record<string, string[]>;

/** Error codes shared by the API and its clients. */
export const ERROR_CODES = {
  validationFailed: 'validation_failed',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  notFound: 'not_found',
  rateLimited: 'rate_limited',
  payloadTooLarge: 'payload_too_large',
  unsupportedMediaType: 'unsupported_media_type',
  serviceUnavailable: 'service_unavailable',
  internalError: 'internal_error',
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES] | (string & {});
