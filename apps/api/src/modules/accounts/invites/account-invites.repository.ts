import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PrivilegedDatabase } from '../../../core/database/privileged-database.js';
import { queryRows } from '../../../core/database/sql.js';
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

/** Every query on `account_invites`. */
@Injectable()
export class AccountInvitesRepository {
  constructor(private readonly privileged: PrivilegedDatabase) {}

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
}
