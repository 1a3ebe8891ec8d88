import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, Injector, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { updateAdminPlanRequestSchema, type AdminPlan } from '@resolutionflow/contracts';
import { firstValueFrom } from 'rxjs';

import { describeError } from '../../../core/api/api-error';
import { loadable } from '../../../core/api/loadable';
import { AlertComponent } from '../../../shared/alert/alert.component';
import { ButtonComponent } from '../../../shared/button/button.component';
import { CardComponent } from '../../../shared/card/card.component';
import { DialogComponent } from '../../../shared/dialog/dialog.component';
import { ControlDirective, FormFieldComponent } from '../../../shared/form-field/form-field.component';
import { FieldErrors, fieldErrorsFromApi, validateWith } from '../../../shared/forms/field-errors';
import { focusFirstInvalid } from '../../../shared/forms/focus-first-invalid';
import { LoadStatusComponent } from '../../../shared/load-status/load-status.component';
import { PageHeaderComponent } from '../../../shared/page-header/page-header.component';
import { StatusPillComponent } from '../../../shared/status-pill/status-pill.component';
import { formatPrice, planName } from '../../billing/subscription-summary';
import { AdminApi } from '../admin-api.service';
import { PlanFormValue, planFormFrom, planRequestFrom } from '../plan-form';

/** Super-admin editor of every plan's limits and its Stripe billing data. */
@Component({
  selector: 'app-plan-limits-page',
  imports: [
    AlertComponent,
    ButtonComponent,
    CardComponent,
    ControlDirective,
    DialogComponent,
    FormFieldComponent,
    FormsModule,
    LoadStatusComponent,
    PageHeaderComponent,
    StatusPillComponent,
  ],
  templateUrl: './plan-limits-page.component.html',
  styleUrl: './admin-pages.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlanLimitsPageComponent {
  private readonly admin = inject(AdminApi);
  private readonly host = inject(ElementRef<HTMLElement>);
  private readonly injector = inject(Injector);

  protected readonly plans = loadable(() => this.admin.plans());
  protected readonly planName = planName;
  protected readonly limit = (value: number | null) => (value === null ? 'Unlimited' : String(value));
  protected readonly price = (plan: AdminPlan) =>
    plan.priceCents === null || !plan.currency || !plan.interval ? '—' : formatPrice(plan.priceCents, plan.currency, plan.interval);

  protected readonly editing = signal<AdminPlan | null>(null);
  protected readonly form = signal<PlanFormValue | null>(null);
  protected readonly errors = signal<FieldErrors>({});
  protected readonly saveError = signal<string | null>(null);
  protected readonly saving = signal(false);
  protected readonly notice = signal('');
  protected readonly heading = computed(() => `Edit ${this.editing()?.displayName ?? planName(this.editing()?.plan ?? '')}`);

  protected edit(plan: AdminPlan): void {
    this.errors.set({});
    this.saveError.set(null);
    this.notice.set('');
    this.form.set(planFormFrom(plan));
    this.editing.set(plan);
  }

  protected set<K extends keyof PlanFormValue>(key: K, value: PlanFormValue[K]): void {
    this.form.update((form) => (form ? { ...form, [key]: value } : form));
  }

  protected cancel(): void {
    if (!this.saving()) this.editing.set(null);
  }

  protected async save(): Promise<void> {
    const plan = this.editing();
    const form = this.form();
    if (!plan || !form || this.saving()) return;
    this.saveError.set(null);
    const checked = validateWith(updateAdminPlanRequestSchema, planRequestFrom(form));
    if (!checked.ok) {
      this.errors.set(renameErrors(checked.errors));
      focusFirstInvalid(this.host.nativeElement, this.injector);
      return;
    }
    this.errors.set({});
    this.saving.set(true);
    try {
      const saved = await firstValueFrom(this.admin.updatePlan(plan.plan, checked.data));
      this.plans.update((plans) => plans.map((p) => (p.plan === saved.plan ? saved : p)));
      this.notice.set(`${saved.displayName ?? planName(saved.plan)} was saved.`);
      this.editing.set(null);
    } catch (error) {
      this.errors.set(renameErrors(fieldErrorsFromApi(error)));
      this.saveError.set(describeError(error));
    } finally {
      this.saving.set(false);
    }
  }
}

/** Request paths → form fields ("limits.seats" → "seats", "priceCents" → "price"). */
function renameErrors(errors: FieldErrors): FieldErrors {
  const renamed: Record<string, string> = {};
  for (const [key, message] of Object.entries(errors)) {
    const field = key === 'priceCents' ? 'price' : key.replace(/^limits\./, '');
    renamed[field] ??= message;
  }
  return renamed;
}
