import { ChangeDetectionStrategy, Component, ElementRef, inject, Injector, input, OnInit, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { salesLeadRequestSchema, TEAM_SIZES, type SalesLeadRequest } from '@resolutionflow/contracts';
import { firstValueFrom } from 'rxjs';

import { describeError } from '../../../core/api/api-error';
import { AuthStore } from '../../../core/auth/auth-store.service';
import { AlertComponent } from '../../../shared/alert/alert.component';
import { ButtonComponent } from '../../../shared/button/button.component';
import { ControlDirective, FormFieldComponent } from '../../../shared/form-field/form-field.component';
import { FieldErrors, fieldErrorsFromApi, validateWith } from '../../../shared/forms/field-errors';
import { focusFirstInvalid } from '../../../shared/forms/focus-first-invalid';
import { TEAM_SIZE_LABELS } from '../../onboarding/onboarding-labels';
import { SalesLeadsApi } from '../sales-leads-api.service';

/** "Talk to sales": a short form that reaches a person; pre-filled for someone signed in. */
@Component({
  selector: 'app-talk-to-sales-form',
  imports: [AlertComponent, ButtonComponent, ControlDirective, FormFieldComponent, FormsModule],
  template: `
    @if (sentTo()) {
      <app-alert tone="success" heading="Thanks, we got your message.">
        <p>Someone from our team will get back to you at {{ sentTo() }}.</p>
      </app-alert>
    } @else {
      <form class="stack" novalidate (ngSubmit)="submit()">
        @if (formError()) {
          <app-alert tone="danger">{{ formError() }}</app-alert>
        }
        <div class="pair">
          <app-form-field label="Your name" [error]="errors()['name']">
            <input appControl type="text" name="name" autocomplete="name" [(ngModel)]="name" />
          </app-form-field>
          <app-form-field label="Work email" [error]="errors()['email']">
            <input appControl type="email" name="email" autocomplete="email" [(ngModel)]="email" />
          </app-form-field>
        </div>
        <div class="pair">
          <app-form-field label="Company" [error]="errors()['company']">
            <input appControl type="text" name="company" autocomplete="organization" [(ngModel)]="company" />
          </app-form-field>
          <app-form-field label="Team size" [optional]="true" [error]="errors()['teamSize']">
            <select appControl name="teamSize" [(ngModel)]="teamSize">
              <option value="">Choose a size…</option>
              @for (size of teamSizes; track size) {
                <option [value]="size">{{ teamSizeLabels[size] }}</option>
              }
            </select>
          </app-form-field>
        </div>
        <app-form-field label="What can we help with?" [optional]="true" [error]="errors()['message']">
          <textarea appControl name="message" rows="4" [(ngModel)]="message"></textarea>
        </app-form-field>
        <div>
          <button appButton type="submit" [busy]="busy()">Send to sales</button>
        </div>
      </form>
    }
  `,
  styles: `
    .pair {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
      gap: var(--space-4);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TalkToSalesFormComponent implements OnInit {
  private readonly leads = inject(SalesLeadsApi);
  private readonly auth = inject(AuthStore);
  private readonly host = inject(ElementRef<HTMLElement>);
  private readonly injector = inject(Injector);

  readonly source = input<SalesLeadRequest['source']>('pricing_page');

  protected readonly teamSizes = TEAM_SIZES;
  protected readonly teamSizeLabels = TEAM_SIZE_LABELS;
  protected readonly name = signal('');
  protected readonly email = signal('');
  protected readonly company = signal('');
  protected readonly teamSize = signal('');
  protected readonly message = signal('');
  protected readonly errors = signal<FieldErrors>({});
  protected readonly formError = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly sentTo = signal<string | null>(null);

  async ngOnInit(): Promise<void> {
    await this.auth.ready();
    const me = this.auth.me();
    if (!me) return;
    if (!this.name()) this.name.set(me.name);
    if (!this.email()) this.email.set(me.email);
    if (!this.company()) this.company.set(me.account.name);
  }

  protected async submit(): Promise<void> {
    if (this.busy()) return;
    this.formError.set(null);
    const checked = validateWith(salesLeadRequestSchema, {
      name: this.name(),
      email: this.email(),
      company: this.company(),
      teamSize: this.teamSize() || undefined,
      message: this.message().trim() || undefined,
      source: this.source(),
    });
    if (!checked.ok) {
      this.errors.set(checked.errors);
      focusFirstInvalid(this.host.nativeElement, this.injector);
      return;
    }
    this.errors.set({});
    this.busy.set(true);
    try {
      await firstValueFrom(this.leads.submit(checked.data));
      this.sentTo.set(checked.data.email);
    } catch (error) {
      this.errors.set(fieldErrorsFromApi(error));
      this.formError.set(describeError(error));
    } finally {
      this.busy.set(false);
    }
  }
}
