import { ChangeDetectionStrategy, Component, ElementRef, inject, Injector, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { loginRequestSchema } from '@resolutionflow/contracts';
import { catchError, firstValueFrom, map, of } from 'rxjs';

import { describeError } from '../../../core/api/api-error';
import { AuthStore } from '../../../core/auth/auth-store.service';
import { safeReturnUrl } from '../../../core/auth/return-url';
import { AlertComponent } from '../../../shared/alert/alert.component';
import { ButtonComponent } from '../../../shared/button/button.component';
import { CardComponent } from '../../../shared/card/card.component';
import { ControlDirective, FormFieldComponent } from '../../../shared/form-field/form-field.component';
import { FieldErrors, fieldErrorsFromApi, validateWith } from '../../../shared/forms/field-errors';
import { focusFirstInvalid } from '../../../shared/forms/focus-first-invalid';
import { landingAfterSignIn } from '../../onboarding/welcome-decision';
import { AuthApi } from '../auth-api.service';
import { OAuthButtonsComponent } from '../components/oauth-buttons.component';

@Component({
  selector: 'app-login-page',
  imports: [
    AlertComponent,
    ButtonComponent,
    CardComponent,
    ControlDirective,
    FormFieldComponent,
    FormsModule,
    OAuthButtonsComponent,
    RouterLink,
  ],
  template: `
    <h1>Sign in</h1>
    <p class="lead">Welcome back to ResolutionFlow.</p>
    <app-card>
      <app-oauth-buttons [providers]="providers()" />
      <form class="stack" novalidate (ngSubmit)="submit()">
        @if (formError()) {
          <app-alert tone="danger">{{ formError() }}</app-alert>
        }
        <app-form-field label="Email" [error]="errors()['email']">
          <input appControl type="email" name="email" autocomplete="email" [(ngModel)]="email" />
        </app-form-field>
        <app-form-field label="Password" [error]="errors()['password']">
          <input appControl type="password" name="password" autocomplete="current-password" [(ngModel)]="password" />
        </app-form-field>
        <button appButton type="submit" [busy]="busy()">Sign in</button>
      </form>
      <p class="links">
        <a routerLink="/reset-password">Forgot your password?</a>
        <a routerLink="/signup">Create an account</a>
      </p>
    </app-card>
  `,
  styleUrl: './auth-pages.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginPageComponent {
  private readonly authApi = inject(AuthApi);
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly host = inject(ElementRef<HTMLElement>);
  private readonly injector = inject(Injector);

  protected readonly providers = toSignal(
    this.authApi.publicConfig().pipe(
      map((config) => config.oauthProviders),
      catchError(() => of([])),
    ),
    { initialValue: [] },
  );
  protected readonly email = signal('');
  protected readonly password = signal('');
  protected readonly errors = signal<FieldErrors>({});
  protected readonly formError = signal<string | null>(null);
  protected readonly busy = signal(false);

  protected async submit(): Promise<void> {
    if (this.busy()) return;
    this.formError.set(null);
    const checked = validateWith(loginRequestSchema, { email: this.email(), password: this.password() });
    if (!checked.ok) {
      this.errors.set(checked.errors);
      focusFirstInvalid(this.host.nativeElement, this.injector);
      return;
    }
    this.errors.set({});
    this.busy.set(true);
    try {
      const session = await firstValueFrom(this.authApi.login(checked.data));
      this.auth.startSession(session);
      const returnUrl = safeReturnUrl(this.route.snapshot.queryParamMap.get('returnUrl'));
      await this.router.navigateByUrl(landingAfterSignIn(session.user, returnUrl));
    } catch (error) {
      this.errors.set(fieldErrorsFromApi(error));
      this.formError.set(describeError(error));
    } finally {
      this.busy.set(false);
    }
  }
}
