import { Injectable } from '@nestjs/common';
import type { CursorQuery, Member, Page, Role } from '@resolutionflow/contracts';
import { AuditRepository } from '../../../core/audit/audit.repository.js';
import type { Principal } from '../../../core/auth/principal.js';
import { decodeCursor, mapPage } from '../../../core/database/keyset-page.js';
import { AppError } from '../../../core/errors/app-error.js';
import { UsersService } from '../../users/users.service.js';
import { DomainEvents } from '../../../core/events/domain-events.js';
import { auditEntry } from '../audit-entry.js';
import { mapMember } from './member.mapper.js';
import { assertMayTouchOwnership, assertNotSelf, assertOwnerRemains } from './member-rules.js';

const memberNotFound = () => AppError.notFound('Member');

/** The people of the caller's account: who they are, their roles, and leaving. */
@Injectable()
export class MembersService {
  constructor(
    private readonly users: UsersService,
    private readonly audit: AuditRepository,
    private readonly events: DomainEvents,
  ) {}

  async list(query: CursorQuery): Promise<Page<Member>> {
    return mapPage(await this.users.pageMembers(query.limit, decodeCursor(query.cursor)), mapMember);
  }

  async changeRole(actor: Principal, userId: string, role: Role): Promise<Member> {
    assertNotSelf(actor, userId);
    // Owners are locked first, so the member read below sees any concurrent ownership change.
    const owners = await this.users.lockActiveOwnerIds();
    const member = await this.users.findActiveInAccount(userId);
    if (!member) throw memberNotFound();
    assertMayTouchOwnership(actor, member.role, role);
    if (member.role === role) return mapMember(member);
    if (member.role === 'owner') assertOwnerRemains(owners, member.id);

    await this.users.updateRole(member.id, role);
    await this.audit.record(auditEntry(actor, 'member.role_changed', { type: 'user', id: member.id }, { from: member.role, to: role }));
    await this.events.emit('user.role_changed', { userId: member.id, accountId: member.accountId, from: member.role, to: role });
    return mapMember({ ...member, role });
  }

  /**
   * Soft-deletes the member: their access tokens stop working at once (the auth guard loads active
   * users only) and the `user.removed` listeners revoke their refresh tokens and end their open
   * streams. Leaving is removing yourself.
   */
  async remove(actor: Principal, userId: string): Promise<void> {
    const owners = await this.users.lockActiveOwnerIds();
    const member = await this.users.findActiveInAccount(userId);
    if (!member) throw memberNotFound();
    assertMayTouchOwnership(actor, member.role);
    if (member.role === 'owner') assertOwnerRemains(owners, member.id);

    await this.users.markRemoved(member.id);
    await this.audit.record(auditEntry(actor, 'member.removed', { type: 'user', id: member.id }, { email: member.email, role: member.role }));
    const event = { userId: member.id, accountId: member.accountId };
    await this.events.emit('user.removed', event);
  }
}
