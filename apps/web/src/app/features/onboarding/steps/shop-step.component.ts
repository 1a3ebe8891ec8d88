import { ChangeDetectionStrategy, Component, ElementRef, inject, Injector, input, OnInit, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ONBOARDING_ROLES, shopStepDataSchema, TEAM_SIZES, type ShopStepData } from '@resolutionflow/contracts';

import { ControlDirective, FormFieldComponent } from '../../../shared/form-field/form-field.component';
import { FieldErrors, validateWith } from '../../../shared/forms/field-errors';
import { focusFirstInvalid } from '../../../shared/forms/focus-first-invalid';
import { ONBOARDING_ROLE_LABELS, TEAM_SIZE_LABELS } from '../onboarding-labels';

/** Step 1 "Your shop": the company name (pre-filled from the account), team size and the person's role. */
@Component({
  selector: 'app-shop-step',
  imports: [ControlDirective, FormFieldComponent, FormsModule],
  template: `
    <form [id]="formId()" class="stack" novalidate (ngSubmit)="submit()">
      <app-form-field label="Company name" hint="Shown to your team across ResolutionFlow." [error]="errors()['companyName']">
        <input appControl type="text" name="companyName" autocomplete="organization" [(ngModel)]="companyName" />
      </app-form-field>
      <app-form-field label="Team size" hint="Technicians and engineers at your MSP." [error]="errors()['teamSize']">
        <select appControl name="teamSize" [(ngModel)]="teamSize">
          <option value="">Choose a size…</option>
          @for (size of teamSizes; track size) {
            <option [value]="size">{{ teamSizeLabels[size] }}</option>
          }
        </select>
      </app-form-field>
      <app-form-field label="Your role" [error]="errors()['role']">
        <select appControl name="role" [(ngModel)]="role">
          <option value="">Choose a role…</option>
          @for (option of roles; track option) {
            <option [value]="option">{{ roleLabels[option] }}</option>
          }
        </select>
      </app-form-field>
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ShopStepComponent implements OnInit {
  private readonly host = inject(ElementRef<HTMLElement>);
  private readonly injector = inject(Injector);

  readonly formId = input.required<string>();
  readonly accountName = input('');
  readonly completed = output<ShopStepData>();

  protected readonly teamSizes = TEAM_SIZES;
  protected readonly roles = ONBOARDING_ROLES;
  protected readonly teamSizeLabels = TEAM_SIZE_LABELS;
  protected readonly roleLabels = ONBOARDING_ROLE_LABELS;

  protected readonly companyName = signal('');
  protected readonly teamSize = signal('');
  protected readonly role = signal('');
  protected readonly errors = signal<FieldErrors>({});

  ngOnInit(): void {
    this.companyName.set(this.accountName());
  }

  protected submit(): void {
    const checked = validateWith(shopStepDataSchema, {
      companyName: this.companyName(),
      teamSize: this.teamSize() || undefined,
      role: this.role() || undefined,
    });
    if (!checked.ok) {
      this.errors.set(checked.errors);
      focusFirstInvalid(this.host.nativeElement, this.injector);
      return;
    }
    this.errors.set({});
    this.completed.emit(checked.data);
  }
}
