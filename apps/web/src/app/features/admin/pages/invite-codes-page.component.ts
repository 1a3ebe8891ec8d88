import { ChangeDetectionStrategy, Component, ElementRef, inject, Injector, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { createInviteCodeRequestSchema, type InviteCode } from '@resolutionflow/contracts';
import { firstValueFrom } from 'rxjs';

import { describeError } from '../../../core/api/api-error';
import { Confirmation } from '../../../shared/confirmation/confirmation';
import { loadable } from '../../../core/api/loadable';
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
    ControlDirective,
    CopyButtonComponent,
    DialogComponent,
    FormFieldComponent,
    FormsModule,
    LoadStatusComponent,
    PageHeaderComponent,
    StatusPillComponent,
  ],
  templateUrl: './invite-codes-page.component.html',
  styleUrl: './admin-pages.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InviteCodesPageComponent {
  private readonly admin = inject(AdminApi);
  private readonly host = inject(ElementRef<HTMLElement>);
  private readonly injector = inject(Injector);

  protected readonly codes = loadable(() => this.admin.inviteCodes());
  protected readonly status = (code: InviteCode) => STATUS[code.status];
  protected readonly formatDate = formatDate;

  protected readonly code = signal('');
  protected readonly note = signal('');
  protected readonly maxUses = signal<number | null>(1);
  protected readonly expiresOn = signal('');
  protected readonly errors = signal<FieldErrors>({});
  protected readonly createError = signal<string | null>(null);
  protected readonly creating = signal(false);
  protected readonly created = signal<InviteCode | null>(null);

  protected readonly revocation = new Confirmation<InviteCode>(async (code) => {
    await firstValueFrom(this.admin.revokeInviteCode(code.id));
    this.codes.refresh();
    return `The code ${code.code} was revoked.`;
  });

  protected async create(): Promise<void> {
    if (this.creating()) return;
    this.createError.set(null);
    this.created.set(null);
    const expires = this.expiresOn() ? new Date(`${this.expiresOn()}T23:59:59`) : null;
    const checked = validateWith(createInviteCodeRequestSchema, {
      code: this.code().trim() || undefined,
      note: this.note().trim() || undefined,
      maxUses: this.maxUses() ?? undefined,
      expiresAt: expires && !Number.isNaN(expires.getTime()) ? expires.toISOString() : undefined,
    });
    if (!checked.ok) {
      this.errors.set(renameErrors(checked.errors));
      focusFirstInvalid(this.host.nativeElement, this.injector);
      return;
    }
    this.errors.set({});
    this.creating.set(true);
    try {
      const created = await firstValueFrom(this.admin.createInviteCode(checked.data));
      this.created.set(created);
      this.code.set('');
      this.note.set('');
      this.codes.update((page) => ({ ...page, items: [created, ...page.items] }));
    } catch (error) {
      this.errors.set(renameErrors(fieldErrorsFromApi(error)));
      this.createError.set(describeError(error));
    } finally {
      this.creating.set(false);
    }
  }
}

function renameErrors(errors: FieldErrors): FieldErrors {
  const renamed: Record<string, string> = {};
  for (const [key, message] of Object.entries(errors)) renamed[key === 'expiresAt' ? 'expiresOn' : key] ??= message;
  return renamed;
}
