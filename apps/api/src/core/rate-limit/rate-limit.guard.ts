import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthenticatedRequest } from '../auth/principal.js';
import { AppError } from '../errors/app-error.js';
import { digest } from '../security/secrets.js';
import { RATE_LIMITS, type RateLimitRule } from './rate-limit.decorator.js';
import { RateLimitStore } from './rate-limit.store.js';

function trackerOf(rule: RateLimitRule, request: FastifyRequest & AuthenticatedRequest): string {
  if (rule.by === 'body.email') {
    const email = (request.body as { email?: unknown } | undefined)?.email;
    // Digested: the raw field is unvalidated here (guards run before validation) and may hold a NUL byte
    // PostgreSQL text refuses, and the table need not keep addresses.
    if (typeof email === 'string' && email.trim()) return `email:${digest(email.trim().toLowerCase())}`;
  }
  if (rule.by === 'principal' && request.principal) {
    return `principal:${request.principal.apiKeyId ?? request.principal.userId}`;
  }
  return `ip:${request.ip}`;
}

/** Enforces a route's `@RateLimit(...)` rules: 429 `rate_limited` with Retry-After once a window's budget is spent. */
@Injectable()
export class RateLimiter {
  constructor(
    private readonly reflector: Reflector,
    private readonly store: RateLimitStore,
  ) {}

  /** Checks and counts the rules `applies` selects. */
  async enforce(ctx: ExecutionContext, applies: (rule: RateLimitRule) => boolean): Promise<true> {
    const rules = this.reflector.getAllAndOverride<RateLimitRule[] | undefined>(RATE_LIMITS, [ctx.getHandler(), ctx.getClass()])?.filter(applies);
    if (!rules?.length) return true;
    const http = ctx.switchToHttp();
    const request = http.getRequest<FastifyRequest & AuthenticatedRequest>();
    const reply = http.getResponse<FastifyReply>();
    for (const rule of rules) {
      const { hits, resetSeconds } = await this.store.hit(`${rule.name}|${trackerOf(rule, request)}`, rule.windowSeconds);
      if (hits > rule.limit) {
        const retryAfter = Math.max(1, Math.ceil(resetSeconds));
        throw new AppError(
          429,
          'rate_limited',
          `Too many requests; try again in ${retryAfter} seconds`,
          { retryAfterSeconds: retryAfter, limit: rule.limit, windowSeconds: rule.windowSeconds },
          { 'Retry-After': String(retryAfter) },
        );
      }
      reply.header('x-ratelimit-remaining', String(Math.max(0, rule.limit - hits)));
    }
    return true;
  }
}

/** The limits by address or email: first of all guards, so a flood is refused before any costly work (password checks). */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(private readonly limiter: RateLimiter) {}

  canActivate(ctx: ExecutionContext): Promise<boolean> {
    return this.limiter.enforce(ctx, (rule) => rule.by !== 'principal');
  }
}

/** The limits per user or API key: right after authentication, since only then is the caller known. */
@Injectable()
export class PrincipalRateLimitGuard implements CanActivate {
  constructor(private readonly limiter: RateLimiter) {}

  canActivate(ctx: ExecutionContext): Promise<boolean> {
    return this.limiter.enforce(ctx, (rule) => rule.by === 'principal');
  }
}
