import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';

import { AuthStore } from '../../core/auth/auth-store.service';
import { AlertComponent } from '../../shared/alert/alert.component';
import { ButtonComponent } from '../../shared/button/button.component';
import { CardComponent } from '../../shared/card/card.component';
import { PageHeaderComponent } from '../../shared/page-header/page-header.component';
import { StatusPillComponent } from '../../shared/status-pill/status-pill.component';
import { ROLE_LABELS } from '../accounts/role-labels';
import { describeSubscription } from '../billing/subscription-summary';
import { welcomeDecision, welcomePath } from '../onboarding/welcome-decision';

/** Home after sign-in: the account, its subscription, where to go next; a welcome for new teammates. */
@Component({
  selector: 'app-home-page',
  imports: [AlertComponent, ButtonComponent, CardComponent, PageHeaderComponent, RouterLink, StatusPillComponent],
  templateUrl: './home-page.component.html',
  styleUrl: './home-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HomePageComponent {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);

  protected readonly me = this.auth.me;
  protected readonly teammateWelcome = signal(inject(ActivatedRoute).snapshot.queryParamMap.get('welcome') === 'teammate');
  protected readonly subscription = computed(() => {
    const me = this.me();
    return me ? describeSubscription(me.subscription) : null;
  });
  protected readonly roleLabel = computed(() => {
    const me = this.me();
    return me ? ROLE_LABELS[me.role] : '';
  });
  protected readonly manager = computed(() => this.me()?.role === 'owner' || this.me()?.role === 'admin');
  protected readonly setupPath = computed(() => {
    const me = this.me();
    if (!me) return null;
    const decision = welcomeDecision(me);
    return decision.kind === 'step' ? welcomePath(decision) : null;
  });
  protected readonly firstName = computed(() => this.me()?.name.split(/\s+/)[0] ?? '');

  protected dismissWelcome(): void {
    this.teammateWelcome.set(false);
    void this.router.navigate([], { queryParams: {}, replaceUrl: true });
  }
}
