import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import {
  createInviteRequestSchema,
  type AccountInvite,
  type GrantableRole,
  type IssuedInvite,
  type Member,
  type Role,
} from '@resolutionflow/contracts';
import { firstValueFrom } from 'rxjs';

import { describeError } from '../../../core/api/api-error';
import { moreShown, pagedLoadable } from '../../../core/api/paged-loadable';
import { AuthStore } from '../../../core/auth/auth-store.service';
import { AlertComponent } from '../../../shared/alert/alert.component';
import { ButtonComponent } from '../../../shared/button/button.component';
import { CardComponent } from '../../../shared/card/card.component';
import { ConfirmDialogComponent } from '../../../shared/confirmation/confirm-dialog.component';
import { Confirmation } from '../../../shared/confirmation/confirmation';
import { CopyButtonComponent } from '../../../shared/copy-button/copy-button.component';
import { DataTableComponent, RowActionsDirective } from '../../../shared/data-table/data-table.component';
import { RowActionComponent } from '../../../shared/data-table/row-action.component';
import { ControlDirective, FormFieldComponent } from '../../../shared/form-field/form-field.component';
import { formatDate } from '../../../shared/format/date-format';
import { validateWith } from '../../../shared/forms/field-errors';
import { FormErrorComponent } from '../../../shared/forms/form-error.component';
import { formSubmission } from '../../../shared/forms/form-submission';
import { LiveNoticeComponent } from '../../../shared/live-notice/live-notice.component';
import { LoadStatusComponent } from '../../../shared/load-status/load-status.component';
import { PageHeaderComponent } from '../../../shared/page-header/page-header.component';
import { StatusPillComponent, StatusTone } from '../../../shared/status-pill/status-pill.component';
import { AccountsApi } from '../accounts-api.service';
import { inviteActions, memberActions } from '../member-actions';
import { ROLE_HINTS, ROLE_LABELS } from '../role-labels';

const INVITE_TONES: Readonly<Record<AccountInvite['status'], StatusTone>> = {
  pending: 'warning',
  accepted: 'ok',
  expired: 'neutral',
  revoked: 'danger',
};

const INVITE_LABELS: Readonly<Record<AccountInvite['status'], string>> = {
  pending: 'Pending',
  accepted: 'Accepted',
  expired: 'Expired',
  revoked: 'Revoked',
};

/** Members of the account and its invitations, for owners and admins. */
@Component({
  selector: 'app-team-page',
  imports: [
    AlertComponent,
    ButtonComponent,
    CardComponent,
    ConfirmDialogComponent,
    ControlDirective,
    CopyButtonComponent,
    DataTableComponent,
    FormErrorComponent,
    FormFieldComponent,
    FormsModule,
    LiveNoticeComponent,
    LoadStatusComponent,
    PageHeaderComponent,
    RowActionComponent,
    RowActionsDirective,
    StatusPillComponent,
  ],
  templateUrl: './team-page.component.html',
  styleUrl: './team-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TeamPageComponent {
  private readonly accounts = inject(AccountsApi);

  protected readonly me = inject(AuthStore).me;
  protected readonly members = pagedLoadable((cursor) => this.accounts.members(cursor));
  protected readonly invites = pagedLoadable((cursor) => this.accounts.invites(cursor));

  protected readonly roleLabels = ROLE_LABELS;
  protected readonly roleHints = ROLE_HINTS;
  protected readonly inviteRoles: readonly GrantableRole[] = ['admin', 'engineer', 'viewer'];
  protected readonly formatDate = formatDate;
  protected readonly inviteTone = (invite: AccountInvite) => INVITE_TONES[invite.status];
  protected readonly inviteLabel = (invite: AccountInvite) => INVITE_LABELS[invite.status];
  protected readonly inviteActions = inviteActions;
  protected readonly actionsFor = (member: Member) => {
    const me = this.me();
    return me ? memberActions(me, member) : { canChangeRole: false, canRemove: false, assignableRoles: [] };
  };

  // Invite form
  protected readonly inviteEmail = signal('');
  protected readonly inviteRole = signal<GrantableRole>('engineer');
  protected readonly inviteForm = formSubmission();
  protected readonly issued = signal<IssuedInvite | null>(null);

  /** The outcome of the last row action, announced politely. */
  protected readonly notice = signal('');
  protected readonly resending = signal<string | null>(null);

  // Row actions, each confirmed in its dialog
  protected readonly newRole = signal<Role>('engineer');
  protected readonly roleChange = new Confirmation<Member>(async (member) => {
    const updated = await firstValueFrom(this.accounts.changeRole(member.id, this.newRole()));
    this.members.update((page) => ({ ...page, items: page.items.map((m) => (m.id === updated.id ? updated : m)) }));
    return `${updated.name} is now ${ROLE_LABELS[updated.role]}.`;
  }, this.notice);
  protected readonly removal = new Confirmation<Member>(async (member) => {
    await firstValueFrom(this.accounts.removeMember(member.id));
    this.members.update((page) => ({ ...page, items: page.items.filter((m) => m.id !== member.id) }));
    return `${member.name} was removed from the team.`;
  }, this.notice);
  protected readonly revocation = new Confirmation<AccountInvite>(async (invite) => {
    await firstValueFrom(this.accounts.revokeInvite(invite.id));
    // Its link no longer works: do not keep offering it.
    if (this.issued()?.id === invite.id) this.issued.set(null);
    this.invites.refresh();
    return `The invitation for ${invite.email} was revoked.`;
  }, this.notice);

  protected sendInvite(): Promise<void> {
    this.issued.set(null);
    const checked = validateWith(createInviteRequestSchema, { email: this.inviteEmail(), role: this.inviteRole() });
    return this.inviteForm.submit(checked, async (invite) => {
      this.issued.set(await firstValueFrom(this.accounts.invite(invite)));
      this.inviteEmail.set('');
      this.invites.refresh();
    });
  }

  protected async showMoreMembers(): Promise<void> {
    const added = await this.members.more();
    if (added !== null) this.notice.set(moreShown(added, 'member', 'members'));
  }

  protected async showMoreInvites(): Promise<void> {
    const added = await this.invites.more();
    if (added !== null) this.notice.set(moreShown(added, 'invitation', 'invitations'));
  }

  protected askRole(member: Member): void {
    this.newRole.set(member.role);
    this.roleChange.ask(member);
  }

  protected async resend(invite: AccountInvite): Promise<void> {
    if (this.resending()) return;
    this.resending.set(invite.id);
    this.notice.set('');
    try {
      const resent = await firstValueFrom(this.accounts.resendInvite(invite.id));
      // Resending issues a new code, so a link shown for this invite is dead: show the new one.
      if (this.issued()?.id === invite.id) this.issued.set(resent);
      this.notice.set(`The invitation was sent again to ${invite.email}.`);
      this.invites.refresh();
    } catch (error) {
      this.notice.set(describeError(error));
    } finally {
      this.resending.set(null);
    }
  }
}
