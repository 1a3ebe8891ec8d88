import type { Role } from '@resolutionflow/contracts';
import type { Principal } from '../../../core/auth/principal.js';
import { AppError } from '../../../core/errors/app-error.js';

/** Ownership is granted and taken away by owners only. */
export function assertMayTouchOwnership(actor: Principal, targetRole: Role, newRole?: Role): void {
  if ((targetRole === 'owner' || newRole === 'owner') && actor.role !== 'owner') {
    throw AppError.forbidden('Only an owner can grant or take away the owner role');
  }
}

/** A role change is made by someone else, so nobody locks themselves out or promotes themselves. */
export function assertNotSelf(actor: Principal, targetId: string): void {
  if (actor.kind === 'user' && actor.userId === targetId) {
    throw new AppError(422, 'cannot_change_own_role', 'You cannot change your own role; ask another owner or admin');
  }
}

/** `activeOwnerIds` must be locked for the rest of the transaction (see UsersService.lockActiveOwnerIds). */
export function assertOwnerRemains(activeOwnerIds: string[], leavingOwnerId: string): void {
  if (!activeOwnerIds.some((id) => id !== leavingOwnerId)) {
    throw new AppError(409, 'last_owner', 'The account needs at least one owner; make someone else an owner first');
  }
}
