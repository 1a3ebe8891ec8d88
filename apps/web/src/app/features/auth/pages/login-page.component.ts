import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { loginRequestSchema } from '@resolutionflow/contracts';
import { map } from 'rxjs';

import { safeReturnUrl } from '../../../core/auth/return-url';
import { ButtonComponent } from '../../../shared/button/button.component';
import { CardComponent } from '../../../shared/card/card.component';
import { ControlDirective, FormFieldComponent } from '../../../shared/form-field/form-field.component';
import { validateWith } from '../../../shared/forms/field-errors';
import { FormErrorComponent } from '../../../shared/forms/form-error.component';
import { landingAfterSignIn } from '../../onboarding/welcome-decision';
import { AuthApi } from '../auth-api.service';
import { authForm } from '../auth-form';
import { OAuthButtonsComponent } from '../components/oauth-buttons.component';
import { injectPublicConfig } from '../public-config';

@Component({
  selector: 'app-login-page',
  imports: [
    ButtonComponent,
    CardComponent,
    ControlDirective,
    FormErrorComponent,
    FormFieldComponent,
    FormsModule,
    OAuthButtonsComponent,
    RouterLink,
  ],
  template: `
    <h1>Sign in</h1>
    <p class="lead">Welcome back to ResolutionFlow.</p>
    <app-card>
      <app-oauth-buttons [providers]="config().oauthProviders" [returnUrl]="returnUrl()" />
      <form class="stack" novalidate (ngSubmit)="submit()">
        <app-form-error [form]="form" />
        <app-form-field label="Email" [error]="form.errors()['email']">
          <input appControl type="email" name="email" autocomplete="email" [(ngModel)]="email" />
        </app-form-field>
        <app-form-field label="Password" [error]="form.errors()['password']">
          <input appControl type="password" name="password" autocomplete="current-password" [(ngModel)]="password" />
        </app-form-field>
        <button appButton type="submit" [busy]="form.busy()">Sign in</button>
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
  private readonly route = inject(ActivatedRoute);

  protected readonly config = injectPublicConfig();
  /** Where to go once signed in, by password or through a provider. */
  protected readonly returnUrl = toSignal(this.route.queryParamMap.pipe(map((params) => safeReturnUrl(params.get('returnUrl')))), {
    initialValue: safeReturnUrl(this.route.snapshot.queryParamMap.get('returnUrl')),
  });
  protected readonly form = authForm();
  protected readonly email = signal('');
  protected readonly password = signal('');

  protected submit(): Promise<void> {
    const returnUrl = this.returnUrl();
    return this.form.signIn(
      validateWith(loginRequestSchema, { email: this.email(), password: this.password() }),
      (credentials) => this.authApi.login(credentials),
      (user) => landingAfterSignIn(user, returnUrl),
    );
  }
}
