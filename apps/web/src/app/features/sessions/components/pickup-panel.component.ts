import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { SessionDetail } from '@resolutionflow/contracts';

import type { LoadState } from '../../../core/api/load-state';
import { AlertComponent } from '../../../shared/alert/alert.component';
import { ButtonComponent } from '../../../shared/button/button.component';
import { LoadStatusComponent } from '../../../shared/load-status/load-status.component';
import { SpinnerComponent } from '../../../shared/spinner/spinner.component';
import { StatusPillComponent } from '../../../shared/status-pill/status-pill.component';
import { timeAgo } from '../../../shared/format/time-ago';
import { alreadyClaimedMessage, type PickupContext } from '../../escalations/pickup-context';
import { fixStatusLabel } from '../fix-banner-mode';
import { CONFIDENCE_LABELS } from '../session-status';

/**
 * The pick-up screen's top half: who escalated and why, the assistant's assessment (filled in
 * live when it is ready), the briefing, and the claim itself.
 */
@Component({
  selector: 'app-pickup-panel',
  imports: [AlertComponent, ButtonComponent, LoadStatusComponent, RouterLink, SpinnerComponent, StatusPillComponent],
  templateUrl: './pickup-panel.component.html',
  styleUrl: './pickup-panel.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PickupPanelComponent {
  readonly session = input.required<SessionDetail>();
  readonly state = input.required<LoadState<PickupContext | null>>();
  readonly meId = input.required<string>();
  readonly now = input.required<Date>();
  readonly claiming = input(false);
  readonly pickUp = output<void>();
  readonly closed = output<void>();
  /** "Try again" after the handoff could not be loaded. */
  readonly retry = output<void>();

  protected readonly context = computed(() => {
    const state = this.state();
    return state.status === 'ok' ? state.value : null;
  });
  protected readonly claim = computed(() => {
    const context = this.context();
    if (!context?.claimedBy) return 'open' as const;
    return context.claimedBy.id === this.meId() ? ('mine' as const) : ('theirs' as const);
  });
  protected readonly lostMessage = computed(() => {
    const context = this.context();
    return context ? alreadyClaimedMessage(context.claimedBy?.name, context.claimedAt, this.now()) : '';
  });
  protected readonly confidence = computed(() => {
    const tier = this.context()?.assessment?.confidenceTier ?? this.session().confidenceTier;
    return tier ? CONFIDENCE_LABELS[tier] : 'Not assessed yet';
  });
  /** Every step on record, as the queue card counts them. */
  protected readonly stepCount = computed(() => this.session().steps.length);
  protected readonly briefing = computed(() => this.session().escalationPackage);
  protected readonly statusLabel = fixStatusLabel;

  protected ago(iso: string | null | undefined): string {
    return timeAgo(iso, this.now());
  }
}
