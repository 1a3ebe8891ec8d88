import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  Injector,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { Router } from '@angular/router';
import type { OnboardingInviteResult, OnboardingStepRequest } from '@resolutionflow/contracts';
import { firstValueFrom, Observable } from 'rxjs';

import { describeError } from '../../core/api/api-error';
import { AuthStore } from '../../core/auth/auth-store.service';
import { AlertComponent } from '../../shared/alert/alert.component';
import { ButtonComponent } from '../../shared/button/button.component';
import { CardComponent } from '../../shared/card/card.component';
import { OnboardingApi } from './onboarding-api.service';
import { ShopStepComponent } from './steps/shop-step.component';
import { TeamStepComponent } from './steps/team-step.component';
import { ToolsStepComponent } from './steps/tools-step.component';
import { stepBySlug, welcomeDecision, welcomePath, WIZARD_STEPS } from './welcome-decision';

type Busy = 'continue' | 'skip' | 'rest' | null;

const FORM_ID = 'welcome-step-form';

/**
 * The welcome wizard for a new account's owner. Every button saves first, then reads `/auth/me`
 * again and routes by the decision table, so a reload always resumes at the step the API knows.
 */
@Component({
  selector: 'app-welcome-wizard-page',
  imports: [AlertComponent, ButtonComponent, CardComponent, ShopStepComponent, TeamStepComponent, ToolsStepComponent],
  templateUrl: './welcome-wizard-page.component.html',
  styleUrl: './welcome-wizard-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WelcomeWizardPageComponent {
  private readonly onboarding = inject(OnboardingApi);
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly heading = viewChild.required<ElementRef<HTMLElement>>('heading');
  private destroyed = false;

  /** The `:step` slug, bound from the route (the component stays while the step changes). */
  readonly step = input<string>();

  protected readonly formId = FORM_ID;
  protected readonly steps = WIZARD_STEPS;
  protected readonly current = computed(() => stepBySlug(this.step()) ?? WIZARD_STEPS[0]!);
  protected readonly accountName = computed(() => this.auth.me()?.account.name ?? '');
  protected readonly busy = signal<Busy>(null);
  protected readonly error = signal<string | null>(null);
  /** What became of the step-2 addresses, shown on step 3. */
  protected readonly inviteResults = signal<readonly OnboardingInviteResult[]>([]);
  protected readonly invitedCount = computed(() => this.inviteResults().filter((r) => r.status === 'invited').length);
  protected readonly failedInvites = computed(() => this.inviteResults().filter((r) => r.status === 'failed'));

  constructor() {
    inject(DestroyRef).onDestroy(() => (this.destroyed = true));
  }

  protected complete(data: unknown): Promise<void> {
    const step = this.current().step;
    return this.persist('continue', this.onboarding.saveStep({ step, action: 'complete', data } satisfies OnboardingStepRequest), (result) => {
      if (step === 2) this.inviteResults.set(result.invites ?? []);
    });
  }

  protected skip(): Promise<void> {
    return this.persist('skip', this.onboarding.saveStep({ step: this.current().step, action: 'skip' }));
  }

  protected skipRest(): Promise<void> {
    return this.persist('rest', this.onboarding.dismissRest());
  }

  private async persist<T>(kind: Exclude<Busy, null>, call: Observable<T>, after?: (result: T) => void): Promise<void> {
    if (this.busy()) return;
    this.busy.set(kind);
    this.error.set(null);
    try {
      const result = await firstValueFrom(call);
      after?.(result);
      const me = await this.auth.reloadMe();
      const moved = await this.router.navigateByUrl(welcomePath(welcomeDecision(me)));
      // The page stays while the step changes: take focus to the new step's heading so it is read out.
      if (moved && !this.destroyed) afterNextRender(() => this.heading().nativeElement.focus(), { injector: this.injector });
    } catch (error) {
      this.error.set(describeError(error));
    } finally {
      this.busy.set(null);
    }
  }
}
