import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  Injector,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { createHandoffRequestSchema, type EscalationTarget, type FixStatus, type Handoff, type SessionDetail } from '@resolutionflow/contracts';
import { firstValueFrom, Subscription } from 'rxjs';

import { ApiError, describeError } from '../../../core/api/api-error';
import { LOADING, toLoadState, type LoadState } from '../../../core/api/load-state';
import { AlertComponent } from '../../../shared/alert/alert.component';
import { ButtonComponent } from '../../../shared/button/button.component';
import { DialogComponent } from '../../../shared/dialog/dialog.component';
import { ControlDirective, FormFieldComponent } from '../../../shared/form-field/form-field.component';
import { EnterSubmitsDirective } from '../../../shared/forms/enter-submits.directive';
import { fieldErrorsFromApi } from '../../../shared/forms/field-errors';
import { ROLE_LABELS } from '../../accounts/role-labels';
import { fixesNeedingOutcome, fixStatusLabel } from '../fix-banner-mode';
import { SessionsApi } from '../sessions-api.service';

const REASON_MAX_LENGTH = createHandoffRequestSchema.shape.reason.maxLength ?? Number.MAX_SAFE_INTEGER;

interface OpenFix {
  readonly id: string;
  readonly title: string;
  readonly status: FixStatus;
}

function openFixesOf(error: unknown): OpenFix[] | null {
  if (!(error instanceof ApiError) || error.code !== 'fix_outcome_required') return null;
  const fixes = error.details?.['fixes'];
  return Array.isArray(fixes) ? (fixes as OpenFix[]) : [];
}

/**
 * Escalating a session to the team, optionally sent to one teammate (everyone is still told).
 * Fixes still verifying, partly working or waiting to be verified are caught first: record their
 * outcome, or escalate anyway and they travel as open.
 */
@Component({
  selector: 'app-escalate-dialog',
  imports: [AlertComponent, ButtonComponent, ControlDirective, DialogComponent, EnterSubmitsDirective, FormFieldComponent, FormsModule],
  template: `
    <app-dialog [open]="open()" [heading]="intercepting() ? 'Some fixes still need an outcome' : 'Escalate to your team'" (dismissed)="close()">
      @if (intercepting()) {
        <div class="intercept">
          <p>
            @if (openFixes().length === 1) {
              This fix still needs an outcome:
            } @else {
              These fixes still need an outcome:
            }
          </p>
          <ul class="open-fixes">
            @for (fix of openFixes(); track fix.id) {
              <li><strong>{{ fix.title }}</strong> <span class="muted">({{ statusLabel(fix.status) }})</span></li>
            }
          </ul>
          <p>Record what happened first, so whoever picks this up knows. Or escalate anyway: they will see these as still open.</p>
        </div>
      } @else {
        <form id="escalate-form" class="stack" novalidate (ngSubmit)="submit()">
          <p class="lead">Everyone on your team who takes escalations is told at once. The first to pick it up gets the whole session.</p>
          <app-form-field label="Why are you escalating?" hint="What you tried and where you are stuck. Enter sends, Shift+Enter for a new line." [error]="reasonError()">
            <textarea
              appControl
              name="reason"
              rows="4"
              autofocus
              [maxlength]="reasonMaxLength"
              [(ngModel)]="reason"
              appEnterSubmits
              (submitted)="submit()"
            ></textarea>
          </app-form-field>
          @if (targets().status === 'error') {
            <p class="note" role="status">Your teammates could not be loaded, so this goes to anyone on the team.</p>
          } @else {
            <app-form-field label="Send to" hint="They see it is for them; everyone else is still told.">
              <select appControl name="target" [(ngModel)]="targetUserId" [attr.aria-busy]="targets().status === 'loading' ? 'true' : null">
                <option value="">Anyone on the team</option>
                @for (person of teammates(); track person.id) {
                  <option [value]="person.id">{{ person.name }} ({{ roleLabels[person.role] }})</option>
                }
              </select>
            </app-form-field>
          }
          @if (error()) {
            <app-alert tone="danger">{{ error() }}</app-alert>
          }
        </form>
      }
      @if (intercepting()) {
        <div dialogActions>
          <button appButton type="button" variant="secondary" (click)="close()">Record outcomes first</button>
          <button appButton type="button" (click)="acknowledge()">Escalate anyway</button>
        </div>
      } @else {
        <div dialogActions>
          <button appButton type="button" variant="secondary" (click)="close()">Cancel</button>
          <button appButton type="submit" form="escalate-form" [busy]="working()">Escalate</button>
        </div>
      }
    </app-dialog>
  `,
  styles: `
    .intercept {
      display: grid;
      gap: var(--space-2);
    }
    .intercept p {
      margin: 0;
    }
    .open-fixes {
      margin: 0;
      padding-inline-start: var(--space-6);
    }
    .lead,
    .note {
      margin: 0;
      color: var(--color-text-muted);
    }
    .note {
      font-size: var(--text-sm);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EscalateDialogComponent {
  private readonly api = inject(SessionsApi);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  readonly open = input(false);
  readonly session = input.required<SessionDetail>();
  readonly closed = output<void>();
  readonly escalated = output<Handoff>();

  protected readonly reason = signal('');
  /** Empty: anyone on the team. */
  protected readonly targetUserId = signal('');
  protected readonly targets = signal<LoadState<readonly EscalationTarget[]>>(LOADING);
  protected readonly teammates = computed(() => {
    const state = this.targets();
    return state.status === 'ok' ? state.value : [];
  });
  protected readonly reasonError = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly working = signal(false);
  /** Open fixes the engineer has not yet agreed to leave open (from the page, or from the API's 409). */
  protected readonly openFixes = signal<readonly OpenFix[]>([]);
  private readonly acknowledged = signal(false);
  protected readonly intercepting = computed(() => !this.acknowledged() && this.openFixes().length > 0);
  protected readonly statusLabel = fixStatusLabel;
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly reasonMaxLength = REASON_MAX_LENGTH;
  private loadingTargets: Subscription | undefined;

  constructor() {
    // Each opening starts over from the session as it is now. Only opening does: the page
    // replaces the session while the dialog is up (a reply finishing), and that keeps the choices.
    effect(() => {
      if (!this.open()) return;
      untracked(() => {
        const fixes = fixesNeedingOutcome(this.session().fixes);
        this.openFixes.set(fixes.map(({ id, title, status }) => ({ id, title, status })));
        this.acknowledged.set(false);
        this.error.set(null);
        this.reasonError.set(null);
        this.targetUserId.set('');
        this.loadTargets();
      });
    });
    inject(DestroyRef).onDestroy(() => this.loadingTargets?.unsubscribe());
  }

  /** Teammates change (joins, removals): read them afresh each time the dialog opens. */
  private loadTargets(): void {
    this.loadingTargets?.unsubscribe();
    this.loadingTargets = this.api
      .escalationTargets()
      .pipe(toLoadState())
      .subscribe((state) => this.targets.set(state));
  }

  protected acknowledge(): void {
    this.acknowledged.set(true);
    // The button that had focus is gone; the reason is what to fill in next.
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLTextAreaElement>('textarea')?.focus(), { injector: this.injector });
  }

  protected close(): void {
    if (!this.working()) this.closed.emit();
  }

  protected async submit(): Promise<void> {
    if (this.working()) return;
    const reason = this.reason().trim();
    if (!reason) {
      this.reasonError.set('Say why you are escalating, so your teammate can start where you stopped.');
      return;
    }
    this.reasonError.set(null);
    this.error.set(null);
    this.working.set(true);
    try {
      const targetUserId = this.targetUserId();
      const handoff = await firstValueFrom(
        this.api.handOff(this.session().id, {
          intent: 'escalate',
          reason,
          acknowledgeOpenFixes: this.acknowledged(),
          ...(targetUserId ? { targetUserId } : {}),
        }),
      );
      this.reason.set('');
      this.escalated.emit(handoff);
    } catch (error) {
      const open = openFixesOf(error);
      const reasonProblem = fieldErrorsFromApi(error)['reason'];
      if (open) {
        // The page was behind: the API knows of fixes still open. Ask about them, then send again.
        this.openFixes.set(open);
        this.acknowledged.set(false);
        afterNextRender(() => this.host.nativeElement.querySelector<HTMLButtonElement>('[dialogActions] button:last-child')?.focus(), {
          injector: this.injector,
        });
      } else if (reasonProblem) {
        this.reasonError.set(reasonProblem);
      } else if (error instanceof ApiError && error.code === 'invalid_target') {
        // Removed or demoted since the list was read: offer the list as it is now.
        this.error.set('That teammate can no longer take escalations. Pick someone else, or send it to anyone on the team.');
        this.targetUserId.set('');
        this.loadTargets();
      } else {
        this.error.set(describeError(error));
      }
    } finally {
      this.working.set(false);
    }
  }
}
