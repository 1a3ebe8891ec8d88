import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, viewChild } from '@angular/core';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';

import { AuthStore } from '../../auth/auth-store.service';
import { ButtonComponent } from '../../../shared/button/button.component';
import { navLinksFor } from '../nav-links';
import { VerifyEmailBannerComponent } from '../verify-email-banner/verify-email-banner.component';

/** The frame around every signed-in page: top bar, account banners, then the routed page. */
@Component({
  selector: 'app-layout',
  imports: [ButtonComponent, RouterLink, RouterLinkActive, RouterOutlet, VerifyEmailBannerComponent],
  templateUrl: './app-layout.component.html',
  styleUrl: './app-layout.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AppLayoutComponent {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  protected readonly me = this.auth.me;
  protected readonly navLinks = computed(() => navLinksFor(this.auth.me()));

  protected skipToMain(event: Event): void {
    event.preventDefault();
    this.main().nativeElement.focus();
  }

  protected async signOut(): Promise<void> {
    await this.auth.signOut();
    await this.router.navigateByUrl('/login');
  }
}
