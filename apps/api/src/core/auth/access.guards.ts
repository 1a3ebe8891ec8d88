import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@resolutionflow/contracts';
import { AppConfig } from '../config/app-config.js';
import { AppError } from '../errors/app-error.js';
import { IS_PUBLIC } from '../http/public.decorator.js';
import { ALLOW_UNVERIFIED_EMAIL, ROLES_KEY, SUPER_ADMIN_ONLY } from './auth.decorators.js';
import type { AuthenticatedRequest, Principal } from './principal.js';
import { roleRequirementMessage } from './roles.js';

function principalOf(ctx: ExecutionContext): Principal | undefined {
  return ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
}

function isPublic(reflector: Reflector, ctx: ExecutionContext): boolean {
  return reflector.getAllAndOverride<boolean>(IS_PUBLIC, [ctx.getHandler(), ctx.getClass()]) === true;
}

/** `@Roles(...)` and `@SuperAdminOnly()`: runs after authentication, reads only the principal. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    if (isPublic(this.reflector, ctx)) return true;
    const principal = principalOf(ctx);
    if (!principal) throw AppError.unauthorized();
    const superAdminOnly = this.reflector.getAllAndOverride<boolean>(SUPER_ADMIN_ONLY, [ctx.getHandler(), ctx.getClass()]);
    if (superAdminOnly && !(principal.kind === 'user' && principal.superAdmin)) {
      throw AppError.forbidden('Platform administrator access required');
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [ctx.getHandler(), ctx.getClass()]);
    if (roles && !roles.includes(principal.role)) throw AppError.forbidden(roleRequirementMessage(roles));
    return true;
  }
}

/**
 * After the grace period an unverified user may only reach routes marked `@AllowUnverifiedEmail()`
 * (auth, /auth/me, onboarding, billing, verification). API keys act for the account, not a person.
 */
@Injectable()
export class EmailVerifiedGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly config: AppConfig,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    if (isPublic(this.reflector, ctx)) return true;
    const principal = principalOf(ctx);
    if (!principal || principal.kind !== 'user' || principal.emailVerified) return true;
    if (this.reflector.getAllAndOverride<boolean>(ALLOW_UNVERIFIED_EMAIL, [ctx.getHandler(), ctx.getClass()])) return true;
    const deadline = verificationDeadline(principal.createdAt, this.config.env.EMAIL_VERIFICATION_GRACE_HOURS);
    if (Date.now() < deadline.getTime()) return true;
    throw new AppError(403, 'email_verification_required', 'Verify your email address to continue', {
      deadline: deadline.toISOString(),
    });
  }
}

export function verificationDeadline(createdAt: Date, graceHours: number): Date {
  return new Date(createdAt.getTime() + graceHours * 3_600_000);
}
