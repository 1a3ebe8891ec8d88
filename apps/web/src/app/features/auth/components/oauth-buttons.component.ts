import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { OAuthProvider } from '@resolutionflow/contracts';

import { ButtonComponent } from '../../../shared/button/button.component';
import { OAuthInvite, oauthStartUrl, PROVIDER_LABELS, rememberOAuthReturn } from '../oauth';

/** "Continue with Google / Microsoft" links, one per provider this server has enabled. */
@Component({
  selector: 'app-oauth-buttons',
  imports: [ButtonComponent],
  template: `
    @if (links().length) {
      <div class="providers">
        @for (link of links(); track link.provider) {
          <a appButton variant="secondary" [href]="link.href" (click)="leaving()">{{ verb() }} with {{ link.label }}</a>
        }
      </div>
      <p class="divider"><span>or</span></p>
    }
  `,
  styles: `
    .providers {
      display: grid;
      gap: var(--space-2);
    }
    .divider {
      display: flex;
      align-items: center;
      gap: var(--space-3);
      margin: var(--space-4) 0;
      color: var(--color-text-muted);
      font-size: var(--text-sm);
    }
    .divider::before,
    .divider::after {
      content: '';
      flex: 1;
      border-block-start: 1px solid var(--color-border);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OAuthButtonsComponent {
  readonly providers = input.required<readonly OAuthProvider[]>();
  readonly invite = input<OAuthInvite | undefined>(undefined);
  readonly verb = input('Continue');
  /** Where to land after signing in, as the sign-in page was asked (`?returnUrl=`). */
  readonly returnUrl = input<string | null>(null);

  protected readonly links = computed(() =>
    this.providers().map((provider) => ({
      provider,
      label: PROVIDER_LABELS[provider],
      href: oauthStartUrl(provider, this.invite()),
    })),
  );

  protected leaving(): void {
    rememberOAuthReturn(this.returnUrl());
  }
}
