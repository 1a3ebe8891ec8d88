import { Injectable } from '@nestjs/common';
import type { AccountInvite, CreateInviteRequest, CursorQuery, InviteLookup, IssuedInvite, Page } from '@resolutionflow/contracts';
import type { EntityManager } from 'typeorm';
import { AuditRepository } from '../../../core/audit/audit.repository.js';
import type { Principal } from '../../../core/auth/principal.js';
import { AppConfig } from '../../../core/config/app-config.js';
import { decodeCursor, mapPage } from '../../../core/database/keyset-page.js';
import { TenantDatabase } from '../../../core/database/tenant-database.js';
import { AppError } from '../../../core/errors/app-error.js';
import { digest, newSecret } from '../../../core/security/secrets.js';
import { UsersService } from '../../users/users.service.js';
import { AccountsService } from '../accounts.service.js';
import { auditEntry } from '../audit-entry.js';
import { SeatLimit } from '../seats/seat-limit.service.js';
import type { AccountInviteEntity } from './account-invite.entity.js';
import { AccountInviteMailer } from './account-invite-mailer.js';
import { mapInvite, mapInviteLookup, mapIssuedInvite } from './account-invite.mapper.js';
import { AccountInvitesRepository, type OpenInvite } from './account-invites.repository.js';
import { inviteStatus } from './invite-status.js';

export const INVITE_TTL_DAYS = 7;

/** An invite checked for a sign-up, with the seats of its account's plan (`null`: unlimited). */
export interface InviteAdmission {
  invite: OpenInvite;
  seats: number | null;
}

/** One answer for unknown, expired, revoked and used codes, so a code's existence never leaks. */
export function inviteInvalidError(): AppError {
  return new AppError(404, 'invite_invalid_or_expired_or_revoked', 'This invite link is invalid, expired or has been revoked');
}

const inviteNotFound = () => AppError.notFound('Invite');

@Injectable()
export class AccountInvitesService {
  constructor(
    private readonly invites: AccountInvitesRepository,
    private readonly accounts: AccountsService,
    private readonly users: UsersService,
    private readonly audit: AuditRepository,
    private readonly mailer: AccountInviteMailer,
    private readonly seats: SeatLimit,
    private readonly tenant: TenantDatabase,
    private readonly config: AppConfig,
  ) {}

  /**
   * Invites `email` into the caller's account and emails the link. An earlier invite to the same
   * address that has expired is replaced; one still pending is a conflict (resend it instead).
   * The new invite takes a seat: none is sent once members and open invites fill the plan.
   */
  async create(actor: Principal, input: CreateInviteRequest): Promise<IssuedInvite> {
    // Emails are unique across the platform, so a registered address could never accept.
    if (await this.users.findByEmail(input.email)) {
      throw new AppError(409, 'email_already_registered', 'This email address already belongs to a ResolutionFlow user');
    }
    const open = await this.invites.findOpenByEmail(input.email);
    if (open && inviteStatus(open) === 'pending') throw invitePending(open.id);
    if (open) await this.invites.revoke(open.id);
    await this.seats.assertRoomForInvite(actor.accountId, this.tenant.manager());

    const code = newSecret();
    const invite = await this.invites
      .insert({
        email: input.email,
        role: input.role,
        codeHash: digest(code),
        invitedBy: actor.userId,
        expiresAt: inviteExpiry(),
        lastSentAt: new Date(),
      })
      .catch((error: unknown) => {
        // Two admins inviting one address at once: the partial unique index decides.
        if ((error as { code?: string }).code === '23505') throw invitePending();
        throw error;
      });
    await this.audit.record(
      auditEntry(actor, 'invite.created', { type: 'account_invite', id: invite.id }, { email: invite.email, role: invite.role }),
    );
    return this.deliver(actor, invite, code);
  }

  async list(query: CursorQuery): Promise<Page<AccountInvite>> {
    return mapPage(await this.invites.pageRecent(query.limit, decodeCursor(query.cursor)), mapInvite);
  }

  /** Revoking twice is harmless; an accepted invite is history and stays as it is. */
  async revoke(actor: Principal, id: string): Promise<void> {
    const invite = await this.invites.findInAccount(id);
    if (!invite) throw inviteNotFound();
    if (invite.usedAt) throw new AppError(409, 'invite_already_accepted', 'This invite was already accepted; remove the member instead');
    if (invite.revokedAt) return;
    await this.invites.revoke(id);
    await this.audit.record(auditEntry(actor, 'invite.revoked', { type: 'account_invite', id }, { email: invite.email }));
  }

  /**
   * A new code and a new expiry, emailed again; the previous link stops working. The invite is not
   * counted against itself, but it is refused when the others already fill the plan (an expired
   * invite held no seat, and the plan may have been lowered).
   */
  async resend(actor: Principal, id: string): Promise<IssuedInvite> {
    const invite = await this.invites.findInAccount(id);
    if (!invite) throw inviteNotFound();
    const status = inviteStatus(invite);
    if (status === 'accepted' || status === 'revoked') throw notResendable(status);
    await this.seats.assertRoomForInvite(actor.accountId, this.tenant.manager(), id);
    const code = newSecret();
    // Accepted or revoked between the read and this update: still not resendable.
    if (!(await this.invites.reissue(id, digest(code), inviteExpiry()))) throw notResendable('revoked');
    await this.audit.record(auditEntry(actor, 'invite.resent', { type: 'account_invite', id }, { email: invite.email }));
    return this.deliver(actor, (await this.invites.findInAccount(id))!, code);
  }

  /** What the accept page shows; every dead code answers the same 404. */
  async lookup(code: string): Promise<InviteLookup> {
    const invite = await this.findOpen(code);
    if (!invite) throw inviteInvalidError();
    return mapInviteLookup(invite);
  }

  findOpen(code: string): Promise<OpenInvite | null> {
    return this.invites.findOpenByCodeHash(digest(code));
  }

  /**
   * Validates an invite for `email` at sign-up (password or OAuth) and reads its account's seats.
   * Runs before the sign-up's transaction opens: plan limits are read on the privileged pool, and
   * sign-ups that each held a connection of it while waiting for another would stall each other.
   */
  async admission(code: string, email: string): Promise<InviteAdmission> {
    const invite = await this.findOpen(code);
    if (!invite) throw new AppError(400, 'invite_invalid_or_expired_or_revoked', 'This invite link is invalid, expired or has been revoked');
    if (invite.email !== email.toLowerCase()) {
      throw new AppError(400, 'invite_email_mismatch', 'Sign up with the email address the invite was sent to', {
        invitedEmail: invite.email,
      });
    }
    return { invite, seats: await this.seats.limitOf(invite.accountId) };
  }

  /**
   * In the sign-up's transaction: a seat for the invitee, or 409 `seat_limit_reached` with the
   * invite left usable. The invite is consumed by `markAccepted` in the same transaction, which
   * also refuses it if it was used, revoked or expired since `admission` read it.
   */
  async admit(admission: InviteAdmission, manager: EntityManager): Promise<OpenInvite> {
    await this.seats.assertRoomToJoin(admission.invite.accountId, admission.seats, manager);
    return admission.invite;
  }

  async markAccepted(inviteId: string, userId: string, manager: EntityManager): Promise<void> {
    if (!(await this.invites.markUsed(inviteId, userId, manager))) {
      throw new AppError(400, 'invite_invalid_or_expired_or_revoked', 'This invite link is invalid, expired or has been revoked');
    }
  }

  /** Queues the email (with the invite's transaction) and answers the invite with its link. */
  private async deliver(actor: Principal, invite: AccountInviteEntity, code: string): Promise<IssuedInvite> {
    const url = new URL('/accept-invite', this.config.env.APP_URL);
    url.searchParams.set('code', code);
    const inviteUrl = url.toString();
    const accountName = (await this.accounts.currentAccount())?.name ?? 'your team';
    await this.mailer.send({
      accountId: invite.accountId,
      to: invite.email,
      role: invite.role,
      inviterName: await this.inviterName(actor, accountName),
      accountName,
      link: inviteUrl,
    });
    return mapIssuedInvite(invite, inviteUrl);
  }

  /** A person's name for the email: an API key invites on behalf of the user who created it. */
  private async inviterName(actor: Principal, accountName: string): Promise<string> {
    if (actor.kind === 'user') return actor.name;
    const creator = actor.userId ? await this.users.findActiveById(actor.userId) : null;
    return creator?.name ?? accountName;
  }
}

function notResendable(status: 'accepted' | 'revoked'): AppError {
  const what = status === 'revoked' ? 'revoked' : 'already accepted';
  return new AppError(409, 'invite_not_resendable', `This invite was ${what}; it cannot be resent`, { status });
}

function inviteExpiry(): Date {
  return new Date(Date.now() + INVITE_TTL_DAYS * 86_400_000);
}

function invitePending(inviteId?: string): AppError {
  return new AppError(
    409,
    'invite_already_pending',
    'This address already has a pending invite; resend or revoke it',
    inviteId ? { inviteId } : undefined,
  );
}
