import { Injectable } from '@nestjs/common';
import { IsNull, type EntityManager } from 'typeorm';
import { toPage } from '../../../core/database/keyset-page.js';
import { PrivilegedDatabase } from '../../../core/database/privileged-database.js';
import { queryRows } from '../../../core/database/sql.js';
import { TenantDatabase } from '../../../core/database/tenant-database.js';
import { AccountInviteEntity } from './account-invite.entity.js';

export interface OpenInvite {
  id: string;
  accountId: string;
  accountName: string;
  email: string;
  role: AccountInviteEntity['role'];
  inviterName: string | null;
  inviterEmail: string | null;
}

export type NewInvite = Pick<AccountInviteEntity, 'email' | 'role' | 'codeHash' | 'invitedBy' | 'expiresAt' | 'lastSentAt'>;

/** How long finished invites (accepted, revoked) stay in the account's list. */
const RECENT_DAYS = 30;

/** Every query on `account_invites`. */
@Injectable()
export class AccountInvitesRepository {
  constructor(
    private readonly privileged: PrivilegedDatabase,
    private readonly tenant: TenantDatabase,
  ) {}

  /**
   * An invite that can still be accepted, found by its code's digest across accounts (the invitee
   * has no account yet). Unknown, expired, revoked and used all come back as null alike.
   */
  async findOpenByCodeHash(codeHash: string, manager: EntityManager = this.privileged.manager): Promise<OpenInvite | null> {
    const rows = await queryRows<OpenInvite>(
      manager,
      `select i.id, i.account_id as "accountId", a.name as "accountName", i.email, i.role,
              u.name as "inviterName", u.email as "inviterEmail"
         from account_invites i
         join accounts a on a.id = i.account_id
         left join users u on u.id = i.invited_by
        where i.code_hash = $1 and i.revoked_at is null and i.used_at is null and i.expires_at > now()`,
      [codeHash],
    );
    return rows[0] ?? null;
  }

  /** Marks the invite used by `userId`; false when a concurrent acceptance got there first. */
  async markUsed(id: string, userId: string, manager: EntityManager): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      manager,
      `update account_invites set used_at = now(), used_by = $2
        where id = $1 and used_at is null and revoked_at is null and expires_at > now()
        returning id`,
      [id, userId],
    );
    return rows.length === 1;
  }

  // Tenant-scoped below: the caller's account, with row-level security underneath.

  insert(invite: NewInvite): Promise<AccountInviteEntity> {
    const manager = this.tenant.manager();
    return manager.save(AccountInviteEntity, manager.create(AccountInviteEntity, { ...invite, accountId: this.requireAccount() }));
  }

  findInAccount(id: string): Promise<AccountInviteEntity | null> {
    return this.tenant.manager().findOne(AccountInviteEntity, { where: { id, accountId: this.requireAccount() } });
  }

  /** The invite to `email` that is neither used nor revoked (expired or not); the schema allows one. */
  findOpenByEmail(email: string): Promise<AccountInviteEntity | null> {
    return this.tenant.manager().findOne(AccountInviteEntity, {
      where: { email, accountId: this.requireAccount(), usedAt: IsNull(), revokedAt: IsNull() },
    });
  }

  /** Open invites and those finished in the last days, newest first. */
  async pageRecent(limit: number, afterId?: string) {
    const accountId = this.requireAccount();
    const query = this.tenant
      .manager()
      .createQueryBuilder(AccountInviteEntity, 'i')
      .where('i.account_id = :accountId', { accountId })
      .andWhere(
        `((i.used_at is null and i.revoked_at is null) or coalesce(i.used_at, i.revoked_at) > now() - make_interval(days => :recentDays))`,
        { recentDays: RECENT_DAYS },
      );
    if (afterId) {
      query.andWhere(
        '(i.created_at, i.id) < (select created_at, id from account_invites where id = :afterId and account_id = :accountId)',
        { afterId },
      );
    }
    const rows = await query.orderBy('i.createdAt', 'DESC').addOrderBy('i.id', 'DESC').limit(limit + 1).getMany();
    return toPage(rows, limit);
  }

  async revoke(id: string): Promise<void> {
    await this.tenant
      .manager()
      .update(AccountInviteEntity, { id, accountId: this.requireAccount(), usedAt: IsNull(), revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** A fresh code and expiry for an open invite, so the old link stops working; false once it was used or revoked. */
  async reissue(id: string, codeHash: string, expiresAt: Date): Promise<boolean> {
    const result = await this.tenant
      .manager()
      .update(
        AccountInviteEntity,
        { id, accountId: this.requireAccount(), usedAt: IsNull(), revokedAt: IsNull() },
        { codeHash, expiresAt, lastSentAt: new Date() },
      );
    return (result.affected ?? 0) === 1;
  }

  private requireAccount(): string {
    const accountId = this.tenant.accountId();
    if (!accountId) throw new Error('This invites query needs a tenant transaction');
    return accountId;
  }
}
