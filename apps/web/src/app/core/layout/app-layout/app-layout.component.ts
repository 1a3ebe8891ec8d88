import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';

import { NAV_LINKS } from '../nav-links';
import { VerifyEmailBannerComponent } from '../verify-email-banner/verify-email-banner.component';

/** The frame around every signed-in page: top bar, account banners, then the routed page. */
@Component({
  selector: 'app-layout',
  imports: [RouterLink, RouterLinkActive, RouterOutlet, VerifyEmailBannerComponent],
  templateUrl: './app-layout.component.html',
  styleUrl: './app-layout.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AppLayoutComponent {
  protected readonly navLinks = NAV_LINKS;
}
