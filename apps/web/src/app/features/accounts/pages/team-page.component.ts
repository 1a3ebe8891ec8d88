import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, Injector, signal } from '@angular/core';
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
import { loadable } from '../../../core/api/loadable';
import { AuthStore } from '../../../core/auth/auth-store.service';
import { AlertComponent } from '../../../shared/alert/alert.component';
import { ButtonComponent } from '../../../shared/button/button.component';
import { CardComponent } from '../../../shared/card/card.component';
import { CopyButtonComponent } from '../../../shared/copy-button/copy-button.component';
import { DialogComponent } from '../../../shared/dialog/dialog.component';
import { ControlDirective, FormFieldComponent } from '../../../shared/form-field/form-field.component';
import { formatDate } from '../../../shared/format/date-format';
import { FieldErrors, fieldErrorsFromApi, validateWith } from '../../../shared/forms/field-errors';
import { focusFirstInvalid } from '../../../shared/forms/focus-first-invalid';
import { LoadStatusComponent } from '../../../shared/load-status/load-status.component';
import { PageHeaderComponent } from '../../../shared/page-header/page-header.component';
import { StatusPillComponent, StatusTone } from '../../../shared/status-pill/status-pill.component';
import { AccountsApi } from '../accounts-api.service';
import { inviteActions, memberActions } from '../member-actions';
import { ROLE_HINTS, ROLE_LABELS } from '../role-labels';

type PendingAction =
  | { readonly kind: 'role'; readonly member: Member }
  | { readonly kind: 'remove'; readonly member: Member }
  | { readonly kind: 'revoke'; readonly invite: AccountInvite };

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
    ControlDirective,
    CopyButtonComponent,
    DialogComponent,
    FormFieldComponent,
    FormsModule,
    LoadStatusComponent,
    PageHeaderComponent,
    StatusPillComponent,
  ],
  templateUrl: './team-page.component.html',
  styleUrl: './team-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TeamPageComponent {
  private readonly accounts = inject(AccountsApi);
  private readonly auth = inject(AuthStore);
  private readonly host = inject(ElementRef<HTMLElement>);
  private readonly injector = inject(Injector);

  protected readonly me = this.auth.me;
  protected readonly members = loadable(() => this.accounts.members());
  protected readonly invites = loadable(() => this.accounts.invites());

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
  protected readonly inviteErrors = signal<FieldErrors>({});
  protected readonly inviteError = signal<string | null>(null);
  protected readonly inviting = signal(false);
  protected readonly issued = signal<IssuedInvite | null>(null);

  // Row actions: one at a time, confirmed in a dialog
  protected readonly pending = signal<PendingAction | null>(null);
  protected readonly newRole = signal<Role>('engineer');
  protected readonly working = signal(false);
  protected readonly actionError = signal<string | null>(null);
  /** The outcome of the last row action, announced politely. */
  protected readonly notice = signal('');
  protected readonly resending = signal<string | null>(null);

  protected readonly dialogHeading = computed(() => {
    const action = this.pending();
    if (!action) return '';
    if (action.kind === 'role') return `Change the role of ${action.member.name}`;
    if (action.kind === 'remove') return `Remove ${action.member.name} from the team?`;
    return `Revoke the invitation for ${action.invite.email}?`;
  });

  protected async sendInvite(): Promise<void> {
    if (this.inviting()) return;
    this.inviteError.set(null);
    this.issued.set(null);
    const checked = validateWith(createInviteRequestSchema, { email: this.inviteEmail(), role: this.inviteRole() });
    if (!checked.ok) {
      this.inviteErrors.set(checked.errors);
      focusFirstInvalid(this.host.nativeElement, this.injector);
      return;
    }
    this.inviteErrors.set({});
    this.inviting.set(true);
    try {
      const issued = await firstValueFrom(this.accounts.invite(checked.data));
      this.issued.set(issued);
      this.inviteEmail.set('');
      this.invites.refresh();
    } catch (error) {
      this.inviteErrors.set(fieldErrorsFromApi(error));
      this.inviteError.set(describeError(error));
    } finally {
      this.inviting.set(false);
    }
  }

  protected askRole(member: Member): void {
    this.newRole.set(member.role);
    this.open({ kind: 'role', member });
  }

  protected askRemove(member: Member): void {
    this.open({ kind: 'remove', member });
  }

  protected askRevoke(invite: AccountInvite): void {
    this.open({ kind: 'revoke', invite });
  }

  protected cancel(): void {
    if (!this.working()) this.pending.set(null);
  }

  protected async confirm(): Promise<void> {
    const action = this.pending();
    if (!action || this.working()) return;
    this.working.set(true);
    this.actionError.set(null);
    try {
      if (action.kind === 'role') {
        const updated = await firstValueFrom(this.accounts.changeRole(action.member.id, this.newRole()));
        this.members.update((page) => ({ ...page, items: page.items.map((m) => (m.id === updated.id ? updated : m)) }));
        this.notice.set(`${updated.name} is now ${ROLE_LABELS[updated.role]}.`);
      } else if (action.kind === 'remove') {
        await firstValueFrom(this.accounts.removeMember(action.member.id));
        this.members.update((page) => ({ ...page, items: page.items.filter((m) => m.id !== action.member.id) }));
        this.notice.set(`${action.member.name} was removed from the team.`);
      } else {
        await firstValueFrom(this.accounts.revokeInvite(action.invite.id));
        this.invites.refresh();
        this.notice.set(`The invitation for ${action.invite.email} was revoked.`);
      }
      this.pending.set(null);
    } catch (error) {
      this.actionError.set(describeError(error));
    } finally {
      this.working.set(false);
    }
  }

  protected async resend(invite: AccountInvite): Promise<void> {
    if (this.resending()) return;
    this.resending.set(invite.id);
    this.notice.set('');
    try {
      await firstValueFrom(this.accounts.resendInvite(invite.id));
      this.notice.set(`The invitation was sent again to ${invite.email}.`);
      this.invites.refresh();
    } catch (error) {
      this.notice.set(describeError(error));
    } finally {
      this.resending.set(null);
    }
  }

  private open(action: PendingAction): void {
    this.actionError.set(null);
    this.notice.set('');
    this.pending.set(action);
  }
}
