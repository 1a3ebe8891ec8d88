import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { TenantDatabase } from '../database/tenant-database.js';
import type { AuthenticatedRequest } from './principal.js';
import { requestTransactionOf } from './request-transaction.js';

export const NO_TENANT_TRANSACTION = 'rf:noTenantTransaction';

/** For long-lived responses (SSE) that must not hold a transaction or a pooled connection. */
export const NoTenantTransaction = () => SetMetadata(NO_TENANT_TRANSACTION, true);

/** Whether the route opted out of the per-request transaction (long-lived responses). */
export function hasNoTenantTransaction(reflector: Reflector, ctx: ExecutionContext): boolean {
  return reflector.getAllAndOverride<boolean>(NO_TENANT_TRANSACTION, [ctx.getHandler(), ctx.getClass()]) === true;
}

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
    if (ctx.getType() !== 'http') return next.handle();
    const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = request.principal;
    if (!principal || hasNoTenantTransaction(this.reflector, ctx)) return next.handle();
    const handle = () => lastValueFrom(next.handle(), { defaultValue: undefined });
    // Usually the auth guard already opened it, with the user read; API keys and late comers open one here.
    const opened = requestTransactionOf(request);
    return from(opened ? opened.complete(handle) : this.tenant.run(principal.accountId, handle));
  }
}
