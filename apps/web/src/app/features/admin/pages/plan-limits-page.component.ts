import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { updateAdminPlanRequestSchema, type AdminPlan } from '@resolutionflow/contracts';
import { firstValueFrom } from 'rxjs';

import { loadable } from '../../../core/api/loadable';
import { ButtonComponent } from '../../../shared/button/button.component';
import { CardComponent } from '../../../shared/card/card.component';
import { DataTableComponent, RowActionsDirective } from '../../../shared/data-table/data-table.component';
import { RowActionComponent } from '../../../shared/data-table/row-action.component';
import { DialogComponent } from '../../../shared/dialog/dialog.component';
import { ControlDirective, FormFieldComponent } from '../../../shared/form-field/form-field.component';
import { validateWith } from '../../../shared/forms/field-errors';
import { FormErrorComponent } from '../../../shared/forms/form-error.component';
import { formSubmission } from '../../../shared/forms/form-submission';
import { LiveNoticeComponent } from '../../../shared/live-notice/live-notice.component';
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
    ButtonComponent,
    CardComponent,
    ControlDirective,
    DataTableComponent,
    DialogComponent,
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
  templateUrl: './plan-limits-page.component.html',
  styleUrl: './admin-pages.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlanLimitsPageComponent {
  private readonly admin = inject(AdminApi);

  protected readonly plans = loadable(() => this.admin.plans());
  protected readonly planName = planName;
  protected readonly limit = (value: number | null) => (value === null ? 'Unlimited' : String(value));
  protected readonly price = (plan: AdminPlan) =>
    plan.priceCents === null || !plan.currency || !plan.interval ? '—' : formatPrice(plan.priceCents, plan.currency, plan.interval);

  protected readonly editing = signal<AdminPlan | null>(null);
  protected readonly values = signal<PlanFormValue | null>(null);
  /** Request paths → form fields ("limits.seats" → "seats", "priceCents" → "price"). */
  protected readonly form = formSubmission((path) => (path === 'priceCents' ? 'price' : path.replace(/^limits\./, '')));
  protected readonly notice = signal('');
  protected readonly heading = computed(() => `Edit ${this.editing()?.displayName ?? planName(this.editing()?.plan ?? '')}`);

  protected edit(plan: AdminPlan): void {
    this.form.reset();
    this.notice.set('');
    this.values.set(planFormFrom(plan));
    this.editing.set(plan);
  }

  protected set<K extends keyof PlanFormValue>(key: K, value: PlanFormValue[K]): void {
    this.values.update((values) => (values ? { ...values, [key]: value } : values));
  }

  protected cancel(): void {
    if (!this.form.busy()) this.editing.set(null);
  }

  protected async save(): Promise<void> {
    const plan = this.editing();
    const values = this.values();
    if (!plan || !values) return;
    await this.form.submit(validateWith(updateAdminPlanRequestSchema, planRequestFrom(values)), async (request) => {
      const saved = await firstValueFrom(this.admin.updatePlan(plan.plan, request));
      this.plans.update((plans) => plans.map((p) => (p.plan === saved.plan ? saved : p)));
      this.notice.set(`${saved.displayName ?? planName(saved.plan)} was saved.`);
      this.editing.set(null);
    });
  }
}
