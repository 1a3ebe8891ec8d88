import { ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, Injector, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { upsertPsaConnectionRequestSchema, type PsaConnectionTestResult } from '@resolutionflow/contracts';
import { firstValueFrom } from 'rxjs';

import { describeError } from '../../../core/api/api-error';
import { loadable } from '../../../core/api/loadable';
import { AlertComponent } from '../../../shared/alert/alert.component';
import { ButtonComponent } from '../../../shared/button/button.component';
import { CardComponent } from '../../../shared/card/card.component';
import { DialogComponent } from '../../../shared/dialog/dialog.component';
import { ControlDirective, FormFieldComponent } from '../../../shared/form-field/form-field.component';
import { formatDateTime } from '../../../shared/format/date-format';
import { FieldErrors, fieldErrorsFromApi, validateWith } from '../../../shared/forms/field-errors';
import { focusFirstInvalid } from '../../../shared/forms/focus-first-invalid';
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
    ControlDirective,
    DialogComponent,
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
  private readonly host = inject(ElementRef<HTMLElement>);
  private readonly injector = inject(Injector);

  protected readonly connection = loadable(() => this.integrations.psaConnection());
  protected readonly connected = computed(() => !!this.connection.value());
  protected readonly formatDateTime = formatDateTime;

  protected readonly form = signal<PsaFormValue>({ ...EMPTY_PSA_FORM });
  protected readonly errors = signal<FieldErrors>({});
  protected readonly saveError = signal<string | null>(null);
  protected readonly saving = signal(false);
  protected readonly saved = signal(false);
  protected readonly testing = signal(false);
  protected readonly testResult = signal<PsaConnectionTestResult | null>(null);
  protected readonly testError = signal<string | null>(null);
  protected readonly confirmingRemove = signal(false);
  protected readonly removing = signal(false);
  protected readonly removeError = signal<string | null>(null);

  constructor() {
    // Fill the form whenever a connection (or its absence) is loaded.
    effect(() => {
      const state = this.connection.state();
      if (state.status === 'ok') this.form.set(psaFormFrom(state.value));
    });
  }

  protected set<K extends keyof PsaFormValue>(key: K, value: PsaFormValue[K]): void {
    this.form.update((form) => ({ ...form, [key]: value }));
    this.saved.set(false);
  }

  protected async save(): Promise<void> {
    if (this.saving()) return;
    this.saveError.set(null);
    this.saved.set(false);
    const request = psaRequestFrom(this.form());
    // The contract's site-URL refinement calls new URL() even after its URL check failed, so an
    // unparseable address is answered here and a stand-in keeps the schema checking the rest.
    const siteUrlParses = URL.canParse(request.siteUrl.trim());
    const checked = validateWith(upsertPsaConnectionRequestSchema, siteUrlParses ? request : { ...request, siteUrl: 'https://site.invalid' });
    const errors: Record<string, string> = checked.ok ? {} : { ...checked.errors };
    if (!siteUrlParses) errors['siteUrl'] = request.siteUrl.trim() ? 'Must be an http(s) URL.' : 'This field is required.';
    if (!this.connected() && !this.form().privateKey.trim()) errors['privateKey'] = 'Enter the private key of the API member.';
    if (!checked.ok || !siteUrlParses || Object.keys(errors).length) {
      this.errors.set(errors);
      focusFirstInvalid(this.host.nativeElement, this.injector);
      return;
    }
    this.errors.set({});
    this.saving.set(true);
    try {
      const saved = await firstValueFrom(this.integrations.savePsaConnection(checked.data));
      this.connection.update(() => saved);
      this.testResult.set(null);
      this.saved.set(true);
    } catch (error) {
      this.errors.set(fieldErrorsFromApi(error));
      this.saveError.set(describeError(error));
    } finally {
      this.saving.set(false);
    }
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

  protected askRemove(): void {
    this.removeError.set(null);
    this.confirmingRemove.set(true);
  }

  protected cancelRemove(): void {
    if (!this.removing()) this.confirmingRemove.set(false);
  }

  protected async remove(): Promise<void> {
    if (this.removing()) return;
    this.removing.set(true);
    try {
      await firstValueFrom(this.integrations.removePsaConnection());
      this.connection.update(() => null);
      this.form.set({ ...EMPTY_PSA_FORM });
      this.testResult.set(null);
      this.saved.set(false);
      this.confirmingRemove.set(false);
    } catch (error) {
      this.removeError.set(describeError(error));
    } finally {
      this.removing.set(false);
    }
  }
}
