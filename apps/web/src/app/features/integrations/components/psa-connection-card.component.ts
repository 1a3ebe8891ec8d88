import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import {
  upsertPsaConnectionRequestSchema,
  type PsaConnection,
  type PsaConnectionTestResult,
  type UpsertPsaConnectionRequest,
} from '@resolutionflow/contracts';
import { firstValueFrom } from 'rxjs';

import { describeError } from '../../../core/api/api-error';
import { loadable } from '../../../core/api/loadable';
import { AlertComponent } from '../../../shared/alert/alert.component';
import { ButtonComponent } from '../../../shared/button/button.component';
import { CardComponent } from '../../../shared/card/card.component';
import { ConfirmDialogComponent } from '../../../shared/confirmation/confirm-dialog.component';
import { Confirmation } from '../../../shared/confirmation/confirmation';
import { ControlDirective, FormFieldComponent } from '../../../shared/form-field/form-field.component';
import { formatDateTime } from '../../../shared/format/date-format';
import { Validation, validateWith } from '../../../shared/forms/field-errors';
import { FormErrorComponent } from '../../../shared/forms/form-error.component';
import { formSubmission } from '../../../shared/forms/form-submission';
import { LoadStatusComponent } from '../../../shared/load-status/load-status.component';
import { StatusPillComponent } from '../../../shared/status-pill/status-pill.component';
import { IntegrationsApi } from '../integrations-api.service';
import { EMPTY_PSA_FORM, PsaFormValue, psaFormFrom, psaRequestFrom } from '../psa-form';

/** The account's ConnectWise Manage connection: settings, a live test, and disconnecting. */
@Component({
  selector: 'app-psa-connection-card',
  imports: [
    AlertComponent,
    ButtonComponent,
    CardComponent,
    ConfirmDialogComponent,
    ControlDirective,
    FormErrorComponent,
    FormFieldComponent,
    FormsModule,
    LoadStatusComponent,
    StatusPillComponent,
  ],
  templateUrl: './psa-connection-card.component.html',
  styleUrl: './integration-cards.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PsaConnectionCardComponent {
  private readonly integrations = inject(IntegrationsApi);

  protected readonly connection = loadable(() => this.integrations.psaConnection());
  protected readonly connected = computed(() => !!this.connection.value());
  protected readonly formatDateTime = formatDateTime;

  protected readonly values = signal<PsaFormValue>({ ...EMPTY_PSA_FORM });
  protected readonly form = formSubmission();
  protected readonly saved = signal(false);
  protected readonly testing = signal(false);
  protected readonly testResult = signal<PsaConnectionTestResult | null>(null);
  protected readonly testError = signal<string | null>(null);
  protected readonly disconnection = new Confirmation<PsaConnection>(async () => {
    await firstValueFrom(this.integrations.removePsaConnection());
    this.connection.update(() => null);
    this.values.set({ ...EMPTY_PSA_FORM });
    this.testResult.set(null);
    this.saved.set(false);
  });

  constructor() {
    // Fill the form when a connection (or its absence) is loaded, not on every change of it: a test
    // result changes the connection too, and must not throw away edits that were not saved yet.
    const loaded = computed(() => this.connection.state().status === 'ok');
    effect(() => {
      if (loaded()) this.values.set(psaFormFrom(untracked(this.connection.value) ?? null));
    });
  }

  protected set<K extends keyof PsaFormValue>(key: K, value: PsaFormValue[K]): void {
    this.values.update((values) => ({ ...values, [key]: value }));
    this.saved.set(false);
  }

  protected save(): Promise<void> {
    this.saved.set(false);
    return this.form.submit(this.check(), async (request) => {
      const saved = await firstValueFrom(this.integrations.savePsaConnection(request));
      this.connection.update(() => saved);
      this.values.set(psaFormFrom(saved));
      this.testResult.set(null);
      this.saved.set(true);
    });
  }

  protected async test(): Promise<void> {
    if (this.testing()) return;
    this.testing.set(true);
    this.saved.set(false);
    this.testResult.set(null);
    this.testError.set(null);
    try {
      const result = await firstValueFrom(this.integrations.testPsaConnection());
      this.testResult.set(result);
      this.connection.update((connection) =>
        connection ? { ...connection, lastTestedAt: result.testedAt, lastTestOk: result.ok, lastTestMessage: result.message } : connection,
      );
    } catch (error) {
      this.testError.set(describeError(error));
    } finally {
      this.testing.set(false);
    }
  }

  private check(): Validation<UpsertPsaConnectionRequest> {
    const request = psaRequestFrom(this.values());
    // The contract's site-URL refinement calls new URL() even after its URL check failed, so an
    // unparseable address is answered here and a stand-in keeps the schema checking the rest.
    const siteUrlParses = URL.canParse(request.siteUrl.trim());
    const checked = validateWith(upsertPsaConnectionRequestSchema, siteUrlParses ? request : { ...request, siteUrl: 'https://site.invalid' });
    const errors: Record<string, string> = checked.ok ? {} : { ...checked.errors };
    if (!siteUrlParses) errors['siteUrl'] = request.siteUrl.trim() ? 'Must be an http(s) URL.' : 'This field is required.';
    if (!this.connected() && !this.values().privateKey.trim()) errors['privateKey'] = 'Enter the private key of the API member.';
    return checked.ok && !Object.keys(errors).length ? checked : { ok: false, errors };
  }
}
