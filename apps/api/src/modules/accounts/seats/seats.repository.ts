import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../../../core/database/sql.js';

/** Who holds a seat of an account: its active members and its invites that can still be accepted. */
export interface SeatUsage {
  members: number;
  openInvites: number;
}

/**
 * The queries behind the plan's `seats` limit. They take the manager and the account explicitly:
 * sending an invite runs in the inviter's tenant transaction, accepting one in the sign-up's.
 */
@Injectable()
export class SeatsRepository {
  /**
   * Serialises everything that takes a seat of the account (sending, reviving and accepting
   * invites) until the transaction ends, so two requests cannot both take the last seat.
   */
  async lock(accountId: string, manager: EntityManager): Promise<void> {
    await manager.query(`select pg_advisory_xact_lock(hashtextextended('account_seats:' || $1, 0))`, [accountId]);
  }

  /** Seats held now; `exceptInviteId` leaves one invite out (the one being resent). */
  async usage(accountId: string, manager: EntityManager, exceptInviteId: string | null = null): Promise<SeatUsage> {
    const [usage] = await queryRows<SeatUsage>(
      manager,
      `select (select count(*) from users where account_id = $1 and removed_at is null)::int as members,
              (select count(*) from account_invites
                where account_id = $1 and used_at is null and revoked_at is null and expires_at > now()
                  and id is distinct from $2::uuid)::int as "openInvites"`,
      [accountId, exceptInviteId],
    );
    return usage!;
  }
}
