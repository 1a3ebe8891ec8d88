import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, Injector, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { passwordSchema, personNameSchema, type InviteLookup } from '@resolutionflow/contracts';
import { catchError, EMPTY, firstValueFrom, map, of } from 'rxjs';
import { z } from 'zod';

import { describeError, toApiError } from '../../../core/api/api-error';
import { loadable } from '../../../core/api/loadable';
import { AuthStore } from '../../../core/auth/auth-store.service';
import { AlertComponent } from '../../../shared/alert/alert.component';
import { ButtonComponent } from '../../../shared/button/button.component';
import { CardComponent } from '../../../shared/card/card.component';
import { ControlDirective, FormFieldComponent } from '../../../shared/form-field/form-field.component';
import { FieldErrors, fieldErrorsFromApi, validateWith } from '../../../shared/forms/field-errors';
import { focusFirstInvalid } from '../../../shared/forms/focus-first-invalid';
import { LoadStatusComponent } from '../../../shared/load-status/load-status.component';
import { AuthApi } from '../../auth/auth-api.service';
import { OAuthButtonsComponent } from '../../auth/components/oauth-buttons.component';
import { AccountsApi } from '../accounts-api.service';
import { resendAdvice, resendMailto, ROLE_LABELS } from '../role-labels';

const INVALID = 'invite_invalid_or_expired_or_revoked';
const joinFormSchema = z.object({ name: personNameSchema, password: passwordSchema });

/**
 * The invitee's page (`/accept-invite?code=`): who invited them to which account, the invited
 * address locked, and three ways in. Joining lands on home with a teammate welcome, never the wizard.
 */
@Component({
  selector: 'app-accept-invite-page',
  imports: [
    AlertComponent,
    ButtonComponent,
    CardComponent,
    ControlDirective,
    FormFieldComponent,
    FormsModule,
    LoadStatusComponent,
    OAuthButtonsComponent,
    RouterLink,
  ],
  templateUrl: './accept-invite-page.component.html',
  styleUrls: ['../../auth/pages/auth-pages.scss', './accept-invite-page.component.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AcceptInvitePageComponent {
  private readonly accounts = inject(AccountsApi);
  private readonly authApi = inject(AuthApi);
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly host = inject(ElementRef<HTMLElement>);
  private readonly injector = inject(Injector);

  protected readonly code = inject(ActivatedRoute).snapshot.queryParamMap.get('code')?.trim() ?? '';
  protected readonly lookup = loadable(() => (this.code ? this.accounts.lookupInvite(this.code) : EMPTY));
  protected readonly providers = toSignal(
    this.authApi.publicConfig().pipe(
      map((config) => config.oauthProviders),
      catchError(() => of([])),
    ),
    { initialValue: [] },
  );
  protected readonly me = this.auth.me;

  /** Set when joining found the invitation dead after the page had shown it. */
  private readonly diedWhileOpen = signal(false);
  protected readonly invite = computed(() => (this.diedWhileOpen() ? undefined : this.lookup.value()));
  protected readonly invalid = computed(() => {
    if (!this.code || this.diedWhileOpen()) return true;
    const state = this.lookup.state();
    return state.status === 'error' && state.error.code === INVALID;
  });
  protected readonly otherError = computed(() => !this.invalid() && this.lookup.state().status !== 'ok');
  protected readonly inviterName = computed(() => this.lookup.value()?.inviterName ?? null);
  protected readonly advice = computed(() => resendAdvice(this.inviterName()));
  protected readonly mailto = computed(() => resendMailto(this.lookup.value()?.accountName));
  protected readonly oauthInvite = computed(() => {
    const invite = this.invite();
    return invite ? { accountInviteCode: this.code, invitedEmail: invite.invitedEmail } : undefined;
  });

  protected readonly roleLabel = (invite: InviteLookup) => ROLE_LABELS[invite.role];

  protected readonly name = signal('');
  protected readonly password = signal('');
  protected readonly errors = signal<FieldErrors>({});
  protected readonly formError = signal<string | null>(null);
  /** The address already has a user: offer sign-in next to the error. */
  protected readonly alreadyRegistered = signal(false);
  protected readonly busy = signal(false);
  protected readonly signingOut = signal(false);

  constructor() {
    void this.auth.ready();
  }

  protected retry(): void {
    this.lookup.reload();
  }

  protected async join(invite: InviteLookup): Promise<void> {
    if (this.busy()) return;
    this.formError.set(null);
    this.alreadyRegistered.set(false);
    const checked = validateWith(joinFormSchema, { name: this.name(), password: this.password() });
    if (!checked.ok) {
      this.errors.set(checked.errors);
      focusFirstInvalid(this.host.nativeElement, this.injector);
      return;
    }
    this.errors.set({});
    this.busy.set(true);
    try {
      const session = await firstValueFrom(
        this.authApi.register({ ...checked.data, email: invite.invitedEmail, accountInviteCode: this.code }),
      );
      this.auth.startSession(session);
      await this.router.navigateByUrl('/?welcome=teammate');
    } catch (error) {
      const code = toApiError(error).code;
      if (code === INVALID) {
        this.diedWhileOpen.set(true);
        return;
      }
      this.alreadyRegistered.set(code === 'email_already_registered');
      this.errors.set(fieldErrorsFromApi(error));
      this.formError.set(describeError(error));
    } finally {
      this.busy.set(false);
    }
  }

  protected async signOut(): Promise<void> {
    this.signingOut.set(true);
    await this.auth.signOut();
    this.signingOut.set(false);
  }
}
