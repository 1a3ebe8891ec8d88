import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { TenantDatabase } from '../database/tenant-database.js';
import type { AuthenticatedRequest } from './principal.js';

export const NO_TENANT_TRANSACTION = 'rf:noTenantTransaction';

/** For long-lived responses (SSE) that must not hold a transaction or a pooled connection. */
export const NoTenantTransaction = () => SetMetadata(NO_TENANT_TRANSACTION, true);

/**
 * Every authenticated request runs in one transaction bound to the caller's account: its writes
 * commit together before the answer is sent, or not at all, and row-level security sees the account.
 */
@Injectable()
export class TenantTransactionInterceptor implements NestInterceptor {
  constructor(
    private readonly tenant: TenantDatabase,
    private readonly reflector: Reflector,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    const skip = this.reflector.getAllAndOverride<boolean>(NO_TENANT_TRANSACTION, [ctx.getHandler(), ctx.getClass()]);
    if (!principal || skip || ctx.getType() !== 'http') return next.handle();
    return from(this.tenant.run(principal.accountId, () => lastValueFrom(next.handle(), { defaultValue: undefined })));
  }
}
