import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import { describeError } from '../../../core/api/api-error';
import { AuthStore } from '../../../core/auth/auth-store.service';
import { AlertComponent } from '../../../shared/alert/alert.component';
import { ButtonComponent } from '../../../shared/button/button.component';
import { SpinnerComponent } from '../../../shared/spinner/spinner.component';
import { AuthApi } from '../auth-api.service';

type VerifyState = { readonly kind: 'working' | 'verified' } | { readonly kind: 'failed'; readonly message: string };

/** The link in the verification email lands here; the token is posted once, on arrival. */
@Component({
  selector: 'app-verify-email-page',
  imports: [AlertComponent, ButtonComponent, RouterLink, SpinnerComponent],
  template: `
    <h1>Verify your email</h1>
    @let current = state();
    @switch (current.kind) {
      @case ('working') {
        <app-spinner label="Verifying your email address…" />
      }
      @case ('verified') {
        <app-alert tone="success" heading="Your email address is verified.">
          <p>Thanks! Your account has full access.</p>
        </app-alert>
        <p class="links">
          <a appButton routerLink="/">{{ signedIn() ? 'Continue to ResolutionFlow' : 'Sign in' }}</a>
        </p>
      }
      @case ('failed') {
        @if (current.kind === 'failed') {
          <app-alert tone="danger">{{ current.message }}</app-alert>
        }
        <p class="lead">
          Verification links work once and expire. Sign in and use <strong>Resend email</strong> in the banner at the
          top of the page to get a new one.
        </p>
        <p class="links"><a appButton routerLink="/">Go to ResolutionFlow</a></p>
      }
    }
  `,
  styleUrl: './auth-pages.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VerifyEmailPageComponent implements OnInit {
  private readonly authApi = inject(AuthApi);
  private readonly auth = inject(AuthStore);
  private readonly route = inject(ActivatedRoute);

  protected readonly state = signal<VerifyState>({ kind: 'working' });
  protected readonly signedIn = this.auth.signedIn;

  async ngOnInit(): Promise<void> {
    const token = this.route.snapshot.queryParamMap.get('token');
    if (!token) {
      this.state.set({ kind: 'failed', message: 'This link has no verification token. Open the link from the email again.' });
      return;
    }
    try {
      await firstValueFrom(this.authApi.verifyEmail(token));
      this.state.set({ kind: 'verified' });
      // The banner reads `me`; refresh it when this tab has a session.
      await this.auth.ready();
      if (this.auth.signedIn()) await this.auth.reloadMe().catch(() => undefined);
    } catch (error) {
      this.state.set({ kind: 'failed', message: describeError(error) });
    }
  }
}
