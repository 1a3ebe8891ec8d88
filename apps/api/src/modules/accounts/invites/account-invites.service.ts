import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppError } from '../../../core/errors/app-error.js';
import { digest } from '../../../core/security/secrets.js';
import { AccountInvitesRepository, type OpenInvite } from './account-invites.repository.js';

/** One answer for unknown, expired, revoked and used codes, so a code's existence never leaks. */
export function inviteInvalidError(): AppError {
  return new AppError(404, 'invite_invalid_or_expired_or_revoked', 'This invite link is invalid, expired or has been revoked');
}

@Injectable()
export class AccountInvitesService {
  constructor(private readonly invites: AccountInvitesRepository) {}

  findOpen(code: string, manager?: EntityManager): Promise<OpenInvite | null> {
    return this.invites.findOpenByCodeHash(digest(code), manager);
  }

  /**
   * Validates an invite for `email` during sign-up (password or OAuth). The invite is consumed
   * by `markAccepted` in the same transaction that creates the user.
   */
  async requireAcceptable(code: string, email: string, manager: EntityManager): Promise<OpenInvite> {
    const invite = await this.findOpen(code, manager);
    if (!invite) throw new AppError(400, 'invite_invalid_or_expired_or_revoked', 'This invite link is invalid, expired or has been revoked');
    if (invite.email !== email.toLowerCase()) {
      throw new AppError(400, 'invite_email_mismatch', 'Sign up with the email address the invite was sent to', {
        invitedEmail: invite.email,
      });
    }
    return invite;
  }

  async markAccepted(inviteId: string, userId: string, manager: EntityManager): Promise<void> {
    if (!(await this.invites.markUsed(inviteId, userId, manager))) {
      throw new AppError(400, 'invite_invalid_or_expired_or_revoked', 'This invite link is invalid, expired or has been revoked');
    }
  }
}
