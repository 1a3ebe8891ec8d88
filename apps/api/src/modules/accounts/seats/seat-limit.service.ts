import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppError } from '../../../core/errors/app-error.js';
import { EntitlementsService } from '../../billing/entitlements.service.js';
import { SeatsRepository, type SeatUsage } from './seats.repository.js';

const allTaken = (seats: number) => (seats === 1 ? "The plan's only seat is taken" : `All ${seats} seats of the plan are taken`);

/**
 * The plan's `seats` limit: active members plus open invites may not exceed it (`null` is
 * unlimited, and nothing is counted or locked). Each check locks the account's seats until the
 * caller's transaction ends, so the count it judges by cannot change before the invite or the
 * member it allows is written.
 */
@Injectable()
export class SeatLimit {
  constructor(
    private readonly entitlements: EntitlementsService,
    private readonly seats: SeatsRepository,
  ) {}

  /** Before an invite is sent or resent; a resent invite (`exceptInviteId`) is not counted against itself. */
  async assertRoomForInvite(accountId: string, manager: EntityManager, exceptInviteId?: string): Promise<void> {
    const seats = await this.limitOf(accountId);
    if (seats === null) return;
    await this.seats.lock(accountId, manager);
    const usage = await this.seats.usage(accountId, manager, exceptInviteId);
    if (usedOf(usage) < seats) return;
    throw seatLimitReached(
      seats,
      usage,
      `${allTaken(seats)} by members and open invites. To invite someone, upgrade the plan, remove a member or revoke an invite.`,
    );
  }

  /**
   * Before an invitee becomes a member, with the plan's `seats` read by `limitOf` beforehand.
   * Their invite already holds a seat, so only members count: joining is refused when the
   * members alone fill the plan (it was lowered after the invite went out).
   */
  async assertRoomToJoin(accountId: string, seats: number | null, manager: EntityManager): Promise<void> {
    if (seats === null) return;
    await this.seats.lock(accountId, manager);
    const usage = await this.seats.usage(accountId, manager);
    if (usage.members < seats) return;
    throw seatLimitReached(
      seats,
      usage,
      `${allTaken(seats)} by its members. Ask the team's owner or an admin to upgrade the plan or free a seat, then open this invite again.`,
    );
  }

  /** The account's seats now; `null` is unlimited. */
  async limitOf(accountId: string): Promise<number | null> {
    return (await this.entitlements.forAccount(accountId)).limits.seats;
  }
}

function usedOf(usage: SeatUsage): number {
  return usage.members + usage.openInvites;
}

function seatLimitReached(seats: number, usage: SeatUsage, message: string): AppError {
  return new AppError(409, 'seat_limit_reached', message, { seats, used: usedOf(usage) });
}
