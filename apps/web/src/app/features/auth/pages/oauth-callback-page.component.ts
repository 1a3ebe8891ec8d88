import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import { toApiError } from '../../../core/api/api-error';
import { AuthStore } from '../../../core/auth/auth-store.service';
import { AlertComponent } from '../../../shared/alert/alert.component';
import { ButtonComponent } from '../../../shared/button/button.component';
import { SpinnerComponent } from '../../../shared/spinner/spinner.component';
import { landingAfterSignIn } from '../../onboarding/welcome-decision';
import { AuthApi } from '../auth-api.service';
import { oauthFailureText, takeOAuthReturn } from '../oauth';

type CallbackState =
  | { readonly kind: 'working' }
  | { readonly kind: 'failed'; readonly title: string; readonly text: string; readonly invite: boolean };

const INVITE_CODES = ['invite_email_mismatch', 'invite_invalid_or_expired_or_revoked'];

/**
 * Where the API sends the browser back after a provider sign-in: swaps the one-time code for a
 * session (tokens never travel in URLs) or explains the error code it brought.
 */
@Component({
  selector: 'app-oauth-callback-page',
  imports: [AlertComponent, ButtonComponent, RouterLink, SpinnerComponent],
  template: `
    @let current = state();
    @if (current.kind === 'failed') {
      <h1>{{ current.title }}</h1>
      <app-alert tone="danger">{{ current.text }}</app-alert>
      <p class="links">
        <a appButton routerLink="/login">Back to sign in</a>
        @if (!current.invite) {
          <a routerLink="/signup">Create an account</a>
        }
      </p>
    } @else {
      <h1>Signing you in…</h1>
      <app-spinner label="Finishing the sign-in" />
    }
  `,
  styleUrl: './auth-pages.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OAuthCallbackPageComponent implements OnInit {
  private readonly authApi = inject(AuthApi);
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly state = signal<CallbackState>({ kind: 'working' });

  async ngOnInit(): Promise<void> {
    const query = this.route.snapshot.queryParamMap;
    // Read (and forgotten) whatever happens next, so a failed sign-in does not leave it for a later one.
    const returnUrl = takeOAuthReturn();
    const code = query.get('code');
    const error = query.get('error');
    if (!code) {
      this.fail(error ?? 'oauth_failed');
      return;
    }
    try {
      // Let the page-load session check finish first, so its answer cannot land after this sign-in.
      await this.auth.ready();
      const session = await firstValueFrom(this.authApi.exchangeOAuthCode(code));
      this.auth.startSession(session);
      // replaceUrl: the spent code must not stay in history, where Back would replay it.
      const target = query.get('welcome') === 'teammate' ? '/?welcome=teammate' : landingAfterSignIn(session.user, returnUrl);
      await this.router.navigateByUrl(target, { replaceUrl: true });
    } catch (failure) {
      this.fail(toApiError(failure).code);
    }
  }

  private fail(code: string): void {
    this.state.set({ kind: 'failed', ...oauthFailureText(code), invite: INVITE_CODES.includes(code) });
  }
}
