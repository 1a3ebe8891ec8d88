import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, viewChild } from '@angular/core';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';

import { NotificationBellComponent } from '../../../features/notifications/components/notification-bell.component';
import { ButtonComponent } from '../../../shared/button/button.component';
import { AuthStore } from '../../auth/auth-store.service';
import { LiveStream } from '../../live/live-stream.service';
import { ToastOutletComponent } from '../../toast/toast-outlet.component';
import { navLinksFor } from '../nav-links';
import { VerifyEmailBannerComponent } from '../verify-email-banner/verify-email-banner.component';

/**
 * The frame around every signed-in page: top bar with the notification bell, account banners,
 * the routed page, toasts. It starts the account's live stream, which every page shares.
 */
@Component({
  selector: 'app-layout',
  imports: [
    ButtonComponent,
    NotificationBellComponent,
    RouterLink,
    RouterLinkActive,
    RouterOutlet,
    ToastOutletComponent,
    VerifyEmailBannerComponent,
  ],
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

  constructor() {
    // The one live connection runs while someone is signed in to this frame.
    inject(LiveStream);
  }

  protected skipToMain(event: Event): void {
    event.preventDefault();
    this.main().nativeElement.focus();
  }

  protected async signOut(): Promise<void> {
    await this.auth.signOut();
    await this.router.navigateByUrl('/login');
  }
}
