import { Global, Module } from '@nestjs/common';
import { PrincipalRateLimitGuard, RateLimiter, RateLimitGuard } from './rate-limit.guard.js';
import { RateLimitStore } from './rate-limit.store.js';

@Global()
@Module({ providers: [RateLimitStore, RateLimiter, RateLimitGuard, PrincipalRateLimitGuard], exports: [RateLimitStore, RateLimitGuard, PrincipalRateLimitGuard] })
export class RateLimitModule {}
