import { ChangeDetectionStrategy, Component, ElementRef, inject, Injector, linkedSignal, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { passwordResetConfirmSchema, passwordResetRequestSchema } from '@resolutionflow/contracts';
import { firstValueFrom, map } from 'rxjs';

import { describeError } from '../../../core/api/api-error';
import { AlertComponent } from '../../../shared/alert/alert.component';
import { ButtonComponent } from '../../../shared/button/button.component';
import { CardComponent } from '../../../shared/card/card.component';
import { ControlDirective, FormFieldComponent } from '../../../shared/form-field/form-field.component';
import { FieldErrors, fieldErrorsFromApi, validateWith } from '../../../shared/forms/field-errors';
import { focusFirstInvalid } from '../../../shared/forms/focus-first-invalid';
import { AuthApi } from '../auth-api.service';

/**
 * Without `?token=`: asks for the address to email a reset link to. With it (the emailed link):
 * sets the new password.
 */
@Component({
  selector: 'app-reset-password-page',
  imports: [AlertComponent, ButtonComponent, CardComponent, ControlDirective, FormFieldComponent, FormsModule, RouterLink],
  template: `
    @if (token()) {
      <h1>Choose a new password</h1>
      <p class="lead">Your other sessions are signed out once the password changes.</p>
      <app-card>
        @if (done()) {
          <app-alert tone="success" heading="Your password was changed.">
            <p>Sign in with the new password.</p>
          </app-alert>
          <p class="links"><a appButton routerLink="/login">Sign in</a></p>
        } @else {
          <form class="stack" novalidate (ngSubmit)="confirm()">
            @if (formError()) {
              <app-alert tone="danger">
                <p>{{ formError() }}</p>
                <p><a routerLink="/reset-password">Request a new link</a></p>
              </app-alert>
            }
            <app-form-field label="New password" hint="At least 10 characters." [error]="errors()['password']">
              <input appControl type="password" name="password" autocomplete="new-password" [(ngModel)]="password" />
            </app-form-field>
            <app-form-field label="Repeat the new password" [error]="errors()['repeat']">
              <input appControl type="password" name="repeat" autocomplete="new-password" [(ngModel)]="repeat" />
            </app-form-field>
            <button appButton type="submit" [busy]="busy()">Change password</button>
          </form>
        }
      </app-card>
    } @else {
      <h1>Reset your password</h1>
      <p class="lead">We will email you a link to choose a new one.</p>
      <app-card>
        @if (done()) {
          <app-alert tone="success" heading="Check your inbox.">
            <p>If an account uses {{ email() }}, a reset link is on its way. It works for a limited time.</p>
          </app-alert>
        } @else {
          <form class="stack" novalidate (ngSubmit)="request()">
            @if (formError()) {
              <app-alert tone="danger">{{ formError() }}</app-alert>
            }
            <app-form-field label="Email" [error]="errors()['email']">
              <input appControl type="email" name="email" autocomplete="email" [(ngModel)]="email" />
            </app-form-field>
            <button appButton type="submit" [busy]="busy()">Email me a link</button>
          </form>
        }
        <p class="links"><a routerLink="/login">Back to sign in</a></p>
      </app-card>
    }
  `,
  styleUrl: './auth-pages.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ResetPasswordPageComponent {
  private readonly authApi = inject(AuthApi);
  private readonly host = inject(ElementRef<HTMLElement>);
  private readonly injector = inject(Injector);

  private readonly route = inject(ActivatedRoute);

  // The router reuses this page between /reset-password?token=… and /reset-password ("Request a new link").
  protected readonly token = toSignal(this.route.queryParamMap.pipe(map((params) => params.get('token'))), {
    initialValue: this.route.snapshot.queryParamMap.get('token'),
  });
  protected readonly email = signal('');
  protected readonly password = signal('');
  protected readonly repeat = signal('');
  // What one form said does not belong to the other: start afresh when the token changes.
  protected readonly errors = linkedSignal<string | null, FieldErrors>({ source: this.token, computation: () => ({}) });
  protected readonly formError = linkedSignal<string | null, string | null>({ source: this.token, computation: () => null });
  protected readonly busy = signal(false);
  protected readonly done = linkedSignal({ source: this.token, computation: () => false });

  protected async request(): Promise<void> {
    const checked = validateWith(passwordResetRequestSchema, { email: this.email() });
    if (!checked.ok) return this.invalid(checked.errors);
    await this.run(() => firstValueFrom(this.authApi.requestPasswordReset(checked.data.email)));
  }

  protected async confirm(): Promise<void> {
    const checked = validateWith(passwordResetConfirmSchema, { token: this.token(), password: this.password() });
    if (!checked.ok) return this.invalid(checked.errors);
    if (this.repeat() !== this.password()) return this.invalid({ repeat: 'The two passwords are not the same.' });
    await this.run(() => firstValueFrom(this.authApi.confirmPasswordReset(checked.data.token, checked.data.password)));
  }

  private invalid(errors: FieldErrors): void {
    this.errors.set(errors);
    // A broken token is no field of this form: say it above the form instead.
    if (errors['token']) this.formError.set('This reset link is incomplete. Open it from the email again.');
    focusFirstInvalid(this.host.nativeElement, this.injector);
  }

  private async run(call: () => Promise<void>): Promise<void> {
    if (this.busy()) return;
    this.errors.set({});
    this.formError.set(null);
    this.busy.set(true);
    try {
      await call();
      this.done.set(true);
    } catch (error) {
      this.errors.set(fieldErrorsFromApi(error));
      this.formError.set(describeError(error));
    } finally {
      this.busy.set(false);
    }
  }
}
