import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@resolutionflow/contracts';
import { AppError } from '../errors/app-error.js';
import type { AuthenticatedRequest, Principal } from './principal.js';

export const ROLES_KEY = 'rf:roles';
export const ALLOW_UNVERIFIED_EMAIL = 'rf:allowUnverifiedEmail';
export const SUPER_ADMIN_ONLY = 'rf:superAdminOnly';

/** Only these account roles may call the route (403 `forbidden` otherwise). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** The route stays open to users past the email-verification grace period. */
export const AllowUnverifiedEmail = () => SetMetadata(ALLOW_UNVERIFIED_EMAIL, true);

/** Platform operators only. */
export const SuperAdminOnly = () => SetMetadata(SUPER_ADMIN_ONLY, true);

/** The caller, as resolved by the auth guard. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw AppError.unauthorized();
  return principal;
});
