import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, Injector, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router } from '@angular/router';
import { createSessionRequestSchema } from '@resolutionflow/contracts';
import { firstValueFrom } from 'rxjs';

import { describeError } from '../../../core/api/api-error';
import { AuthStore } from '../../../core/auth/auth-store.service';
import { AlertComponent } from '../../../shared/alert/alert.component';
import { ButtonComponent } from '../../../shared/button/button.component';
import { CardComponent } from '../../../shared/card/card.component';
import { ControlDirective, FormFieldComponent } from '../../../shared/form-field/form-field.component';
import { EnterSubmitsDirective } from '../../../shared/forms/enter-submits.directive';
import { FieldErrors, fieldErrorsFromApi, validateWith } from '../../../shared/forms/field-errors';
import { focusFirstInvalid } from '../../../shared/forms/focus-first-invalid';
import { PageHeaderComponent } from '../../../shared/page-header/page-header.component';
import { SessionListStore } from '../session-list.store';
import { SessionsApi } from '../sessions-api.service';

/** `/pilot` with no session chosen: start one. */
@Component({
  selector: 'app-new-session-page',
  imports: [AlertComponent, ButtonComponent, CardComponent, ControlDirective, EnterSubmitsDirective, FormFieldComponent, FormsModule, PageHeaderComponent],
  template: `
    <app-page-header heading="Start a session" description="Describe the problem. The assistant works through it with you and keeps track of every fix you try." />
    @if (canStart()) {
      <app-card>
        <form class="stack" novalidate (ngSubmit)="start()">
          <app-form-field label="What is the problem?" hint="Enter starts the session, Shift+Enter for a new line." [error]="errors()['problemSummary']">
            <textarea appControl name="problemSummary" rows="3" [(ngModel)]="problem" appEnterSubmits (submitted)="start()"></textarea>
          </app-form-field>
          <app-form-field label="PSA ticket number" [optional]="true" [error]="errors()['psaTicketId']">
            <input appControl type="text" inputmode="numeric" name="psaTicketId" autocomplete="off" [(ngModel)]="ticket" />
          </app-form-field>
          @if (error()) {
            <app-alert tone="danger">{{ error() }}</app-alert>
          }
          <div><button appButton type="submit" [busy]="working()">Start session</button></div>
        </form>
      </app-card>
    } @else {
      <p class="muted">Viewers can read the sessions shared with them but cannot start one.</p>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NewSessionPageComponent {
  private readonly api = inject(SessionsApi);
  private readonly list = inject(SessionListStore);
  private readonly router = inject(Router);
  private readonly auth = inject(AuthStore);
  private readonly host = inject(ElementRef<HTMLElement>);
  private readonly injector = inject(Injector);

  protected readonly canStart = computed(() => this.auth.me()?.role !== 'viewer');
  protected readonly problem = signal('');
  protected readonly ticket = signal('');
  protected readonly errors = signal<FieldErrors>({});
  protected readonly error = signal<string | null>(null);
  protected readonly working = signal(false);

  protected async start(): Promise<void> {
    if (this.working()) return;
    this.error.set(null);
    const checked = validateWith(createSessionRequestSchema, {
      problemSummary: this.problem(),
      psaTicketId: this.ticket().trim().replace(/^#/, '') || undefined,
    });
    if (!checked.ok) {
      this.errors.set(checked.errors);
      focusFirstInvalid(this.host.nativeElement, this.injector);
      return;
    }
    this.errors.set({});
    this.working.set(true);
    try {
      const session = await firstValueFrom(this.api.create(checked.data));
      this.list.upsert(session);
      this.problem.set('');
      this.ticket.set('');
      await this.router.navigate(['/pilot', session.id]);
    } catch (error) {
      this.errors.set(fieldErrorsFromApi(error));
      this.error.set(describeError(error));
    } finally {
      this.working.set(false);
    }
  }
}
