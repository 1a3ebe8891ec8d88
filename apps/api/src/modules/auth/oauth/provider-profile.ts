import { emailSchema, type OAuthProvider } from '@resolutionflow/contracts';
import { AppError } from '../../../core/errors/app-error.js';
import type { ProviderProfile } from '../auth.service.js';

export interface ProviderClaims {
  subject: unknown;
  email: unknown;
  emailVerified: boolean;
  name: unknown;
}

/** The identity a strategy read from its provider, checked and normalised the same way for every provider. */
export function toProviderProfile(provider: OAuthProvider, claims: ProviderClaims): ProviderProfile {
  if (typeof claims.subject !== 'string' || claims.subject.length === 0) {
    throw new AppError(502, 'oauth_provider_error', 'The sign-in provider did not identify the user');
  }
  const email = emailSchema.safeParse(claims.email);
  if (!email.success) {
    throw new AppError(400, 'oauth_email_unavailable', 'The sign-in provider did not share an email address for this account');
  }
  const name = typeof claims.name === 'string' ? claims.name.trim().slice(0, 120) : '';
  return {
    provider,
    subject: claims.subject,
    email: email.data,
    emailVerified: claims.emailVerified,
    name: name || email.data.split('@')[0]!,
  };
}
