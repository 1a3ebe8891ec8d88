import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** Reminds a signed-in user to confirm their email address; renders nothing unless `visible`. */
@Component({
  selector: 'app-verify-email-banner',
  template: `
    @if (visible()) {
      <div class="banner" role="status">
        <strong>Please verify your email address.</strong>
        We sent you a link; open it to keep full access to your account.
      </div>
    }
  `,
  styleUrl: './verify-email-banner.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VerifyEmailBannerComponent {
  readonly visible = input(false);
}
