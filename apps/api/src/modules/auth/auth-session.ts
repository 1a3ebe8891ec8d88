import type { AuthResponse } from '@resolutionflow/contracts';

/** What sign-in hands back: the body plus the refresh secret for the httpOnly cookie. */
export interface IssuedSession {
  body: AuthResponse;
  refreshToken: string;
  refreshExpiresAt: Date;
}

export const REFRESH_COOKIE = 'rf_refresh';
export const REFRESH_TTL_DAYS = 30;
