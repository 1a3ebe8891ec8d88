import { SetMetadata } from '@nestjs/common';

export type RateLimitKey =
  /** The client's IP address. */
  | 'ip'
  /** The `email` field of the JSON body (lower-cased), falling back to the IP. */
  | 'body.email'
  /** The authenticated user or API key, falling back to the IP. */
  | 'principal';

export interface RateLimitRule {
  /** Distinguishes counters: two routes sharing a name share a budget. */
  name: string;
  limit: number;
  windowSeconds: number;
  by: RateLimitKey;
}

export const RATE_LIMITS = 'rf:rateLimits';

/** Fixed-window limits on a route; every rule must pass. Counters are shared by all API processes. */
export const RateLimit = (...rules: RateLimitRule[]) => SetMetadata(RATE_LIMITS, rules);
