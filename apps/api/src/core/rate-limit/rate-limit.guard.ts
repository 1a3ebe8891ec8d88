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

/** Enforces `@RateLimit(...)`: 429 `rate_limited` with Retry-After once a window's budget is spent. */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly store: RateLimitStore,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const rules = this.reflector.getAllAndOverride<RateLimitRule[] | undefined>(RATE_LIMITS, [ctx.getHandler(), ctx.getClass()]);
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
