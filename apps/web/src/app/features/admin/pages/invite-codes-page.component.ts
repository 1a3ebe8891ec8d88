import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { createInviteCodeRequestSchema, type InviteCode } from '@resolutionflow/contracts';
import { firstValueFrom } from 'rxjs';

import { moreShown, pagedLoadable } from '../../../core/api/paged-loadable';
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
import { AdminApi } from '../admin-api.service';

const STATUS: Readonly<Record<InviteCode['status'], { label: string; tone: StatusTone }>> = {
  active: { label: 'Active', tone: 'ok' },
  used_up: { label: 'Used up', tone: 'neutral' },
  expired: { label: 'Expired', tone: 'neutral' },
  revoked: { label: 'Revoked', tone: 'danger' },
};

/** Super-admin: platform invite codes for sign-up when the server requires them. */
@Component({
  selector: 'app-invite-codes-page',
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
  templateUrl: './invite-codes-page.component.html',
  styleUrl: './admin-pages.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InviteCodesPageComponent {
  private readonly admin = inject(AdminApi);

  protected readonly codes = pagedLoadable((cursor) => this.admin.inviteCodes(cursor));
  protected readonly status = (code: InviteCode) => STATUS[code.status];
  protected readonly formatDate = formatDate;

  protected readonly code = signal('');
  protected readonly note = signal('');
  protected readonly maxUses = signal<number | null>(1);
  protected readonly expiresOn = signal('');
  protected readonly form = formSubmission((path) => (path === 'expiresAt' ? 'expiresOn' : path));
  protected readonly created = signal<InviteCode | null>(null);
  /** The outcome of the last list action, announced politely. */
  protected readonly notice = signal('');

  protected readonly revocation = new Confirmation<InviteCode>(async (code) => {
    await firstValueFrom(this.admin.revokeInviteCode(code.id));
    this.codes.refresh();
    return `The code ${code.code} was revoked.`;
  }, this.notice);

  protected async showMore(): Promise<void> {
    const added = await this.codes.more();
    if (added !== null) this.notice.set(moreShown(added, 'code', 'codes'));
  }

  protected create(): Promise<void> {
    this.created.set(null);
    const expires = this.expiresOn() ? new Date(`${this.expiresOn()}T23:59:59`) : null;
    const checked = validateWith(createInviteCodeRequestSchema, {
      code: this.code().trim() || undefined,
      note: this.note().trim() || undefined,
      maxUses: this.maxUses() ?? undefined,
      expiresAt: expires && !Number.isNaN(expires.getTime()) ? expires.toISOString() : undefined,
    });
    return this.form.submit(checked, async (request) => {
      const created = await firstValueFrom(this.admin.createInviteCode(request));
      this.created.set(created);
      this.code.set('');
      this.note.set('');
      this.codes.update((page) => ({ ...page, items: [created, ...page.items] }));
    });
  }
}
