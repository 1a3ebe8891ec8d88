import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, Injector, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { registerRequestSchema, type PublicConfig } from '@resolutionflow/contracts';
import { catchError, firstValueFrom, of } from 'rxjs';

import { describeError } from '../../../core/api/api-error';
import { AuthStore } from '../../../core/auth/auth-store.service';
import { AlertComponent } from '../../../shared/alert/alert.component';
import { ButtonComponent } from '../../../shared/button/button.component';
import { CardComponent } from '../../../shared/card/card.component';
import { ControlDirective, FormFieldComponent } from '../../../shared/form-field/form-field.component';
import { FieldErrors, fieldErrorsFromApi, validateWith } from '../../../shared/forms/field-errors';
import { focusFirstInvalid } from '../../../shared/forms/focus-first-invalid';
import { welcomeDecision, welcomePath } from '../../onboarding/welcome-decision';
import { AuthApi } from '../auth-api.service';
import { OAuthButtonsComponent } from '../components/oauth-buttons.component';

const OPEN_CONFIG: PublicConfig = { selfServeEnabled: true, requireInviteCode: false, oauthProviders: [] };

/** Creates an account: its owner, the team's account and a Pro trial; then the welcome wizard. */
@Component({
  selector: 'app-signup-page',
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
    <h1>Create your account</h1>
    <p class="lead">Start a free trial for your team. No card needed.</p>
    <app-card>
      <app-oauth-buttons verb="Sign up" [providers]="config().oauthProviders" />
      <form class="stack" novalidate (ngSubmit)="submit()">
        @if (formError()) {
          <app-alert tone="danger">{{ formError() }}</app-alert>
        }
        <app-form-field label="Your name" [error]="errors()['name']">
          <input appControl type="text" name="name" autocomplete="name" [(ngModel)]="name" />
        </app-form-field>
        <app-form-field label="Work email" [error]="errors()['email']">
          <input appControl type="email" name="email" autocomplete="email" [(ngModel)]="email" />
        </app-form-field>
        <app-form-field label="Password" hint="At least 10 characters." [error]="errors()['password']">
          <input appControl type="password" name="password" autocomplete="new-password" [(ngModel)]="password" />
        </app-form-field>
        <app-form-field
          label="Company name"
          hint="Your MSP's name; you can change it later."
          [optional]="true"
          [error]="errors()['accountName']"
        >
          <input appControl type="text" name="accountName" autocomplete="organization" [(ngModel)]="accountName" />
        </app-form-field>
        @if (inviteCodeRequired()) {
          <app-form-field
            label="Invite code"
            hint="New accounts on this server need an invite code."
            [error]="errors()['inviteCode']"
          >
            <input appControl type="text" name="inviteCode" autocomplete="off" [(ngModel)]="inviteCode" />
          </app-form-field>
        }
        <button appButton type="submit" [busy]="busy()">Create account</button>
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
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly host = inject(ElementRef<HTMLElement>);
  private readonly injector = inject(Injector);

  protected readonly config = toSignal(this.authApi.publicConfig().pipe(catchError(() => of(OPEN_CONFIG))), {
    initialValue: OPEN_CONFIG,
  });
  protected readonly inviteCodeRequired = computed(() => this.config().requireInviteCode && !this.config().selfServeEnabled);

  protected readonly name = signal('');
  protected readonly email = signal('');
  protected readonly password = signal('');
  protected readonly accountName = signal('');
  protected readonly inviteCode = signal(inject(ActivatedRoute).snapshot.queryParamMap.get('inviteCode') ?? '');
  protected readonly errors = signal<FieldErrors>({});
  protected readonly formError = signal<string | null>(null);
  protected readonly busy = signal(false);

  protected async submit(): Promise<void> {
    if (this.busy()) return;
    this.formError.set(null);
    const code = this.inviteCode().trim();
    if (this.inviteCodeRequired() && !code) {
      this.errors.set({ inviteCode: 'Enter the invite code you received.' });
      focusFirstInvalid(this.host.nativeElement, this.injector);
      return;
    }
    const checked = validateWith(registerRequestSchema, {
      name: this.name(),
      email: this.email(),
      password: this.password(),
      accountName: this.accountName().trim() || undefined,
      inviteCode: code || undefined,
    });
    if (!checked.ok) {
      this.errors.set(checked.errors);
      focusFirstInvalid(this.host.nativeElement, this.injector);
      return;
    }
    this.errors.set({});
    this.busy.set(true);
    try {
      const session = await firstValueFrom(this.authApi.register(checked.data));
      this.auth.startSession(session);
      await this.router.navigateByUrl(welcomePath(welcomeDecision(session.user)));
    } catch (error) {
      this.errors.set(fieldErrorsFromApi(error));
      this.formError.set(describeError(error));
    } finally {
      this.busy.set(false);
    }
  }
}
