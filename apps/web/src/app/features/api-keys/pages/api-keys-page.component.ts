import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { createApiKeyRequestSchema, type ApiKey, type CreatedApiKey, type GrantableRole } from '@resolutionflow/contracts';
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
import { formatDate, formatDateTime } from '../../../shared/format/date-format';
import { validateWith } from '../../../shared/forms/field-errors';
import { FormErrorComponent } from '../../../shared/forms/form-error.component';
import { formSubmission } from '../../../shared/forms/form-submission';
import { LiveNoticeComponent } from '../../../shared/live-notice/live-notice.component';
import { LoadStatusComponent } from '../../../shared/load-status/load-status.component';
import { PageHeaderComponent } from '../../../shared/page-header/page-header.component';
import { StatusPillComponent } from '../../../shared/status-pill/status-pill.component';
import { ROLE_HINTS, ROLE_LABELS } from '../../accounts/role-labels';
import { ApiKeysApi } from '../api-keys-api.service';

/** Keys for scripts and integrations: created with a role, shown once, revocable. */
@Component({
  selector: 'app-api-keys-page',
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
  templateUrl: './api-keys-page.component.html',
  styleUrl: './api-keys-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ApiKeysPageComponent {
  private readonly keysApi = inject(ApiKeysApi);

  protected readonly keys = pagedLoadable((cursor) => this.keysApi.list(cursor));
  protected readonly roles: readonly GrantableRole[] = ['engineer', 'viewer', 'admin'];
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly roleHints = ROLE_HINTS;
  protected readonly formatDate = formatDate;
  protected readonly formatDateTime = formatDateTime;

  protected readonly name = signal('');
  protected readonly role = signal<GrantableRole>('engineer');
  protected readonly form = formSubmission();
  /** The one time the whole key is known; gone when the page is left. */
  protected readonly created = signal<CreatedApiKey | null>(null);
  /** The outcome of the last list action, announced politely. */
  protected readonly notice = signal('');

  protected readonly revocation = new Confirmation<ApiKey>(async (key) => {
    await firstValueFrom(this.keysApi.revoke(key.id));
    const revokedAt = new Date().toISOString();
    this.keys.update((page) => ({ ...page, items: page.items.map((k) => (k.id === key.id ? { ...k, revokedAt } : k)) }));
    if (this.created()?.id === key.id) this.created.set(null);
    return `The key "${key.name}" was revoked. Requests using it now fail.`;
  }, this.notice);

  protected async showMore(): Promise<void> {
    const added = await this.keys.more();
    if (added !== null) this.notice.set(moreShown(added, 'key', 'keys'));
  }

  protected create(): Promise<void> {
    return this.form.submit(validateWith(createApiKeyRequestSchema, { name: this.name(), role: this.role() }), async (request) => {
      const created = await firstValueFrom(this.keysApi.create(request));
      this.created.set(created);
      this.name.set('');
      const { secret: _secret, ...listed } = created;
      this.keys.update((page) => ({ ...page, items: [listed, ...page.items] }));
    });
  }
}
