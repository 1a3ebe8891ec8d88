import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { registerRequestSchema, type RegisterRequest } from '@resolutionflow/contracts';

import { ButtonComponent } from '../../../shared/button/button.component';
import { CardComponent } from '../../../shared/card/card.component';
import { ControlDirective, FormFieldComponent } from '../../../shared/form-field/form-field.component';
import { Validation, validateWith } from '../../../shared/forms/field-errors';
import { FormErrorComponent } from '../../../shared/forms/form-error.component';
import { welcomeDecision, welcomePath } from '../../onboarding/welcome-decision';
import { AuthApi } from '../auth-api.service';
import { authForm } from '../auth-form';
import { OAuthButtonsComponent } from '../components/oauth-buttons.component';
import { injectPublicConfig } from '../public-config';

/** Creates an account: its owner, the team's account and a Pro trial; then the welcome wizard. */
@Component({
  selector: 'app-signup-page',
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
    <h1>Create your account</h1>
    <p class="lead">Start a free trial for your team. No card needed.</p>
    <app-card>
      <app-oauth-buttons verb="Sign up" [providers]="config().oauthProviders" />
      <form class="stack" novalidate (ngSubmit)="submit()">
        <app-form-error [form]="form" />
        <app-form-field label="Your name" [error]="form.errors()['name']">
          <input appControl type="text" name="name" autocomplete="name" [(ngModel)]="name" />
        </app-form-field>
        <app-form-field label="Work email" [error]="form.errors()['email']">
          <input appControl type="email" name="email" autocomplete="email" [(ngModel)]="email" />
        </app-form-field>
        <app-form-field label="Password" hint="At least 10 characters." [error]="form.errors()['password']">
          <input appControl type="password" name="password" autocomplete="new-password" [(ngModel)]="password" />
        </app-form-field>
        <app-form-field
          label="Company name"
          hint="Your MSP's name; you can change it later."
          [optional]="true"
          [error]="form.errors()['accountName']"
        >
          <input appControl type="text" name="accountName" autocomplete="organization" [(ngModel)]="accountName" />
        </app-form-field>
        @if (inviteCodeShown()) {
          <app-form-field
            label="Invite code"
            [hint]="inviteCodeRequired() ? 'New accounts on this server need an invite code.' : 'From your invitation link. Clear it if you have none.'"
            [optional]="!inviteCodeRequired()"
            [error]="form.errors()['inviteCode']"
          >
            <input appControl type="text" name="inviteCode" autocomplete="off" [(ngModel)]="inviteCode" />
          </app-form-field>
        }
        <button appButton type="submit" [busy]="form.busy()">Create account</button>
      </form>
      <p class="links">
        <span>Already have an account? <a routerLink="/login">Sign in</a></span>
      </p>
    </app-card>
  `,
  styleUrl: './auth-pages.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignupPageComponent {
  private readonly authApi = inject(AuthApi);

  protected readonly config = injectPublicConfig();
  protected readonly inviteCodeRequired = computed(() => this.config().requireInviteCode && !this.config().selfServeEnabled);

  protected readonly form = authForm();
  protected readonly name = signal('');
  protected readonly email = signal('');
  protected readonly password = signal('');
  protected readonly accountName = signal('');
  protected readonly inviteCode = signal(inject(ActivatedRoute).snapshot.queryParamMap.get('inviteCode') ?? '');
  // A code is sent whenever there is one, and the API checks any code it gets, so a code from a
  // link (or one the API refused) stays visible even where codes are optional: it can be fixed or cleared.
  private readonly inviteCodeOffered = signal(this.inviteCode().trim() !== '');
  protected readonly inviteCodeShown = computed(() => this.inviteCodeRequired() || this.inviteCodeOffered());

  protected async submit(): Promise<void> {
    await this.form.signIn(
      this.check(),
      (account) => this.authApi.register(account),
      (user) => welcomePath(welcomeDecision(user)),
    );
    const code = this.form.errorCode();
    if (code === 'invite_code_invalid' || code === 'invite_code_required') this.inviteCodeOffered.set(true);
  }

  private check(): Validation<RegisterRequest> {
    const code = this.inviteCode().trim();
    if (this.inviteCodeRequired() && !code) return { ok: false, errors: { inviteCode: 'Enter the invite code you received.' } };
    return validateWith(registerRequestSchema, {
      name: this.name(),
      email: this.email(),
      password: this.password(),
      accountName: this.accountName().trim() || undefined,
      inviteCode: code || undefined,
    });
  }
}
