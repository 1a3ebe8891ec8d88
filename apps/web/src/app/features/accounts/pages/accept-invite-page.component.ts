import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { passwordSchema, personNameSchema, type InviteLookup } from '@resolutionflow/contracts';
import { EMPTY } from 'rxjs';
import { z } from 'zod';

import { loadable } from '../../../core/api/loadable';
import { AuthStore } from '../../../core/auth/auth-store.service';
import { AlertComponent } from '../../../shared/alert/alert.component';
import { ButtonComponent } from '../../../shared/button/button.component';
import { CardComponent } from '../../../shared/card/card.component';
import { ControlDirective, FormFieldComponent } from '../../../shared/form-field/form-field.component';
import { validateWith } from '../../../shared/forms/field-errors';
import { FormErrorComponent } from '../../../shared/forms/form-error.component';
import { LoadStatusComponent } from '../../../shared/load-status/load-status.component';
import { AuthApi } from '../../auth/auth-api.service';
import { authForm } from '../../auth/auth-form';
import { OAuthButtonsComponent } from '../../auth/components/oauth-buttons.component';
import { injectPublicConfig } from '../../auth/public-config';
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
    FormErrorComponent,
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

  protected readonly code = inject(ActivatedRoute).snapshot.queryParamMap.get('code')?.trim() ?? '';
  protected readonly lookup = loadable(() => (this.code ? this.accounts.lookupInvite(this.code) : EMPTY));
  protected readonly config = injectPublicConfig();
  protected readonly me = this.auth.me;
  protected readonly form = authForm();

  /** Joining found the invitation dead after the page had shown it. */
  private readonly diedWhileOpen = computed(() => this.form.errorCode() === INVALID);
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
  /** The address already has a user: offer sign-in next to the error. */
  protected readonly alreadyRegistered = computed(() => this.form.errorCode() === 'email_already_registered');

  protected readonly roleLabel = (invite: InviteLookup) => ROLE_LABELS[invite.role];

  protected readonly name = signal('');
  protected readonly password = signal('');
  protected readonly signingOut = signal(false);

  constructor() {
    void this.auth.ready();
  }

  protected retry(): void {
    this.lookup.reload();
  }

  protected join(invite: InviteLookup): Promise<void> {
    return this.form.signIn(
      validateWith(joinFormSchema, { name: this.name(), password: this.password() }),
      (joiner) => this.authApi.register({ ...joiner, email: invite.invitedEmail, accountInviteCode: this.code }),
      () => '/?welcome=teammate',
    );
  }

  protected async signOut(): Promise<void> {
    this.signingOut.set(true);
    await this.auth.signOut();
    this.signingOut.set(false);
  }
}
