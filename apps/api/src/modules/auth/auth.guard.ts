import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthenticatedRequest, Principal } from '../../core/auth/principal.js';
import { openRequestTransaction } from '../../core/auth/request-transaction.js';
import { ACCEPTS_STREAM_TICKET } from '../../core/auth/stream-ticket.decorator.js';
import { hasNoTenantTransaction } from '../../core/auth/tenant-transaction.interceptor.js';
import { isUuid } from '../../core/database/sql.js';
import { TenantDatabase } from '../../core/database/tenant-database.js';
import { AppError } from '../../core/errors/app-error.js';
import { IS_PUBLIC } from '../../core/http/public.decorator.js';
import { API_KEY_PREFIX, ApiKeysService } from '../accounts/api-keys/api-keys.service.js';
import type { PrincipalUser } from '../users/users.repository.js';
import { UsersService } from '../users/users.service.js';
import { AccessTokens, type AccessClaims } from './access-tokens.js';

/** Reads the bearer credential of a request; EventSource clients may send a stream ticket instead. */
export function bearerOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match ? match[1]! : null;
}

/**
 * Resolves the caller on every non-public route: an access JWT (its user must still be active
 * in that account, so removal and role changes take effect at once) or an account API key.
 * For a user on an ordinary route the user is read as the first statement of the request's
 * tenant transaction, opened here: one round trip instead of a lookup and a transaction start.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly accessTokens: AccessTokens,
    private readonly users: UsersService,
    private readonly apiKeys: ApiKeysService,
    private readonly tenant: TenantDatabase,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [ctx.getHandler(), ctx.getClass()])) return true;
    const request = ctx.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    const credential = bearerOf(request);
    const ticket = (request.query as { ticket?: unknown } | undefined)?.ticket;
    let principal: Principal | null;
    if (credential) {
      principal = credential.startsWith(API_KEY_PREFIX)
        ? await this.fromApiKey(credential)
        : await this.fromClaims(await this.accessTokens.verify(credential), hasNoTenantTransaction(this.reflector, ctx) ? null : ctx);
    } else if (typeof ticket === 'string' && this.reflector.getAllAndOverride<boolean>(ACCEPTS_STREAM_TICKET, [ctx.getHandler(), ctx.getClass()])) {
      principal = await this.fromClaims(await this.accessTokens.verifyStreamTicket(ticket));
    } else {
      throw AppError.unauthorized();
    }
    if (!principal) throw new AppError(401, 'unauthorized', 'The access token is invalid or has expired');
    request.principal = principal;
    return true;
  }

  /** `transactionFor`: the request whose tenant transaction to open with the lookup; null for routes without one (streams). */
  private async fromClaims(claims: AccessClaims | null, transactionFor: ExecutionContext | null = null): Promise<Principal | null> {
    if (!claims || !isUuid(claims.userId) || !isUuid(claims.accountId)) return null;
    const user = transactionFor ? await this.openTransactionFor(claims, transactionFor) : await this.users.findActivePrincipal(claims.userId);
    if (!user || user.accountId !== claims.accountId) return null;
    return {
      kind: 'user',
      userId: user.id,
      apiKeyId: null,
      accountId: user.accountId,
      role: user.role,
      superAdmin: user.superAdmin,
      emailVerified: user.emailVerifiedAt !== null,
      createdAt: user.createdAt,
      name: user.name,
      email: user.email,
    };
  }

  private async openTransactionFor(claims: AccessClaims, ctx: ExecutionContext): Promise<PrincipalUser | null> {
    const http = ctx.switchToHttp();
    const [row] = await openRequestTransaction(
      this.tenant,
      http.getRequest<FastifyRequest>(),
      http.getResponse<FastifyReply>().raw,
      claims.accountId,
      this.users.activePrincipalStatement(claims.userId, claims.accountId),
    );
    return (row as unknown as PrincipalUser | undefined) ?? null;
  }

  private async fromApiKey(secret: string): Promise<Principal | null> {
    const key = await this.apiKeys.authenticate(secret);
    if (!key) return null;
    return {
      kind: 'api_key',
      userId: key.createdBy,
      apiKeyId: key.id,
      accountId: key.accountId,
      role: key.role,
      superAdmin: false,
      emailVerified: true,
      createdAt: key.createdAt,
      name: key.name,
      email: null,
    };
  }
}
