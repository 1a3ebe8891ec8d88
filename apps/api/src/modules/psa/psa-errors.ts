import { AppError } from '../../core/errors/app-error.js';
import { ConnectWiseError } from './connectwise-client.js';
import { UnreadableCredentialsError } from './connectwise-clients.js';

export const psaNotConnected = () => new AppError(409, 'psa_not_connected', 'This account has no PSA connection');

/**
 * What a synchronous PSA call answers when ConnectWise fails: 502 `psa_unavailable` carrying
 * ConnectWise's status, or 409 `psa_credentials_unreadable` when our stored key no longer opens.
 */
export function psaFailure(error: unknown): unknown {
  if (error instanceof UnreadableCredentialsError) return new AppError(409, 'psa_credentials_unreadable', error.message);
  if (error instanceof ConnectWiseError) {
    return new AppError(502, 'psa_unavailable', error.message, { providerStatus: error.status, retryable: error.retryable });
  }
  return error;
}

/** The errors every route that calls ConnectWise may answer, for OpenAPI. */
export const PSA_CALL_ERRORS: [number, string][] = [
  [409, 'psa_not_connected'],
  [409, 'psa_credentials_unreadable'],
  [502, 'psa_unavailable'],
];

export const PSA_ROUTE_ERRORS: [number, string][] = [
  [401, 'unauthorized'],
  [403, 'forbidden'],
  [403, 'email_verification_required'],
];
