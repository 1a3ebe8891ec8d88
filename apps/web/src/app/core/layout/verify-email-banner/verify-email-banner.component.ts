import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';

import { ButtonComponent } from '../../../shared/button/button.component';
import { injectNow } from '../../../shared/format/clock';
import { formatDateTime } from '../../../shared/format/date-format';
import { ApiClient } from '../../api/api-client.service';
import { describeError, toApiError } from '../../api/api-error';
import { AuthStore } from '../../auth/auth-store.service';

type ResendState = { readonly kind: 'idle' | 'sending' | 'sent' } | { readonly kind: 'failed'; readonly message: string };

/**
 * Above every signed-in page while the email address is unconfirmed: says until when access
 * stays complete and offers a new verification email.
 */
@Component({
  selector: 'app-verify-email-banner',
  imports: [ButtonComponent],
  template: `
    @if (me(); as me) {
      @if (!me.emailVerified) {
        <div class="banner" role="region" aria-label="Email verification" [attr.data-restricted]="restricted()">
          <p class="text">
            <strong>Please verify your email address.</strong>
            We sent a link to {{ me.email }}.
            @if (restricted()) {
              Access to most of ResolutionFlow is paused until you open it.
            } @else if (deadline()) {
              Open it before {{ deadline() }} to keep full access.
            }
          </p>
          <button appButton type="button" variant="secondary" size="small" [busy]="resend().kind === 'sending'" (click)="send()">
            Resend email
          </button>
          <p class="outcome" aria-live="polite">{{ outcome() }}</p>
        </div>
      }
    }
  `,
  styleUrl: './verify-email-banner.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VerifyEmailBannerComponent {
  private readonly auth = inject(AuthStore);
  private readonly api = inject(ApiClient);

  private readonly now = injectNow();

  protected readonly me = this.auth.me;
  protected readonly resend = signal<ResendState>({ kind: 'idle' });

  private readonly deadlineDate = computed(() => {
    const deadline = this.me()?.emailVerificationDeadline;
    return deadline ? new Date(deadline) : null;
  });
  protected readonly deadline = computed(() => {
    const date = this.deadlineDate();
    return date ? formatDateTime(date.toISOString()) : null;
  });
  protected readonly restricted = computed(() => {
    const date = this.deadlineDate();
    return date !== null && date.getTime() <= this.now().getTime();
  });

  protected readonly outcome = computed(() => {
    const state = this.resend();
    if (state.kind === 'sent') return 'Sent. Check your inbox (and the spam folder).';
    if (state.kind === 'failed') return state.message;
    return '';
  });

  protected async send(): Promise<void> {
    this.resend.set({ kind: 'sending' });
    try {
      await firstValueFrom(this.api.post<void>('/auth/resend-verification', {}));
      this.resend.set({ kind: 'sent' });
    } catch (error) {
      if (toApiError(error).code === 'email_already_verified') {
        // Verified in another tab or on another device: the banner goes once `me` says so.
        this.resend.set({ kind: 'idle' });
        await this.auth.reloadMe().catch(() => undefined);
        return;
      }
      this.resend.set({ kind: 'failed', message: describeError(error) });
    }
  }
}
