import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { EscalationQueueItem } from '@resolutionflow/contracts';

import { ButtonComponent } from '../../../shared/button/button.component';
import { timeAgo } from '../../../shared/format/time-ago';
import { StatusPillComponent } from '../../../shared/status-pill/status-pill.component';
import { CONFIDENCE_LABELS } from '../../sessions/session-status';

let nextId = 0;

const ASSESSMENT_LABELS: Record<EscalationQueueItem['assessmentStatus'], string> = {
  pending: 'Being written',
  ready: 'Ready',
  unavailable: 'Not available',
  not_applicable: 'None',
};

/**
 * One escalation in the queue. The row opens and closes its details (and counts as having seen
 * it); Pick Up is a separate button beside it, so it claims without also toggling the row.
 */
@Component({
  selector: 'app-escalation-card',
  imports: [ButtonComponent, RouterLink, StatusPillComponent],
  template: `
    <div class="top">
      <button type="button" class="row-toggle" [attr.aria-expanded]="expanded()" [attr.aria-controls]="detailsId" (click)="toggled.emit()">
        @if (unseen()) {
          <span class="dot" aria-hidden="true"></span><span class="visually-hidden">Unread: </span>
        }
        <span class="summary">{{ item().problemSummary }}</span>
        <span class="meta">
          @if (sentToMe()) {
            <span class="for-you">Sent to you</span>
          }
          {{ item().escalatedBy.name }} · {{ ago(item().createdAt) }}
          @if (item().psaTicketId) {
            · <span class="ticket">#{{ item().psaTicketId }}</span>
          }
        </span>
      </button>
      <div class="claim">
        @switch (claimState()) {
          @case ('open') {
            <button appButton type="button" size="small" [busy]="claiming()" (click)="claim($event)">
              Pick up<span class="visually-hidden">: {{ item().problemSummary }}</span>
            </button>
          }
          @case ('mine') {
            <a appButton size="small" variant="secondary" [routerLink]="['/pilot', item().sessionId]" [queryParams]="{ pickup: 'true' }">Open</a>
          }
          @case ('theirs') {
            <app-status-pill tone="neutral">Claimed by {{ item().claimedBy!.name }} {{ ago(item().claimedAt) }}</app-status-pill>
          }
        }
      </div>
    </div>
    <div class="details" [id]="detailsId" [hidden]="!expanded()">
      <dl class="facts">
        <div class="reason">
          <dt>Reason</dt>
          <dd>{{ item().reason || 'No reason given.' }}</dd>
        </div>
        <div>
          <dt>Steps on record</dt>
          <dd>{{ item().stepCount }}</dd>
        </div>
        <div>
          <dt>Confidence</dt>
          <dd>{{ confidence() }}</dd>
        </div>
        <div>
          <dt>Ticket</dt>
          <dd>{{ item().psaTicketId ? '#' + item().psaTicketId : 'None linked' }}</dd>
        </div>
        <div>
          <dt>AI assessment</dt>
          <dd>{{ assessment() }}</dd>
        </div>
      </dl>
      <a [routerLink]="['/pilot', item().sessionId]" [queryParams]="{ pickup: 'true' }">Read the handoff</a>
    </div>
  `,
  styleUrl: './escalation-card.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class.fresh]': 'fresh()', '[class.claimed]': "claimState() !== 'open'" },
})
export class EscalationCardComponent {
  readonly item = input.required<EscalationQueueItem>();
  readonly meId = input.required<string>();
  readonly now = input.required<Date>();
  readonly expanded = input(false);
  readonly unseen = input(false);
  /** Arrived live while the page was open: it slides in. */
  readonly fresh = input(false);
  readonly claiming = input(false);
  readonly toggled = output<void>();
  readonly pickUp = output<void>();

  protected readonly detailsId = `escalation-details-${++nextId}`;
  protected readonly claimState = computed(() => {
    const by = this.item().claimedBy;
    if (!by) return 'open' as const;
    return by.id === this.meId() ? ('mine' as const) : ('theirs' as const);
  });
  /** The escalator picked me; everyone else is told too. */
  protected readonly sentToMe = computed(() => !!this.meId() && this.item().targetUserId === this.meId());
  protected readonly confidence = computed(() => {
    const tier = this.item().confidenceTier;
    return tier ? CONFIDENCE_LABELS[tier] : 'Not assessed yet';
  });
  protected readonly assessment = computed(() => ASSESSMENT_LABELS[this.item().assessmentStatus]);

  protected ago(iso: string | null): string {
    return timeAgo(iso, this.now());
  }

  protected claim(event: Event): void {
    // The button sits beside the row, but a parent listening for clicks must not see a toggle.
    event.stopPropagation();
    this.pickUp.emit();
  }
}
