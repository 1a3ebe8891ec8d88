import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { PsaTicket, SessionSummary } from '@resolutionflow/contracts';
import { debounce, firstValueFrom, Subject, switchMap, timer } from 'rxjs';

import { describeError } from '../../../core/api/api-error';
import { toLoadState, type LoadState } from '../../../core/api/load-state';
import { AlertComponent } from '../../../shared/alert/alert.component';
import { ButtonComponent } from '../../../shared/button/button.component';
import { DialogComponent } from '../../../shared/dialog/dialog.component';
import { ControlDirective, FormFieldComponent } from '../../../shared/form-field/form-field.component';
import { LoadStatusComponent } from '../../../shared/load-status/load-status.component';
import { SessionsApi } from '../sessions-api.service';

const TICKET_NUMBER = /^#?\s*([1-9][0-9]{0,9})$/;

/** The session's PSA ticket: its number, and (for whoever works the session) link, search, unlink, spin off. */
@Component({
  selector: 'app-psa-ticket',
  imports: [AlertComponent, ButtonComponent, ControlDirective, DialogComponent, FormFieldComponent, FormsModule, LoadStatusComponent],
  template: `
    <div class="ticket row">
      @if (ticketId(); as id) {
        <span class="ticket-badge" [attr.title]="verifiedTicket()?.summary ?? null">#{{ id }}</span>
        @if (verifiedTicket(); as ticket) {
          <span class="ticket-summary">{{ ticket.summary }}</span>
        }
        @if (canEdit()) {
          <button appButton type="button" variant="ghost" size="small" (click)="startLinking()">Change<span class="visually-hidden"> ticket</span></button>
          <button appButton type="button" variant="ghost" size="small" [busy]="working()" (click)="unlink()">Unlink<span class="visually-hidden"> ticket #{{ id }}</span></button>
        }
      } @else if (canEdit()) {
        <button appButton type="button" variant="ghost" size="small" (click)="startLinking()">Link a ticket</button>
      }
    </div>
    @if (notice()) {
      <p class="notice" role="status">{{ notice() }}</p>
    }

    <app-dialog [open]="linking()" heading="Link a PSA ticket" (dismissed)="stopLinking()">
      <app-form-field label="Search tickets or type a ticket number" hint="Searches ConnectWise by summary or number.">
        <input appControl type="search" name="ticket-search" autocomplete="off" autofocus [ngModel]="query()" (ngModelChange)="search($event)" />
      </app-form-field>
      @if (typedNumber(); as number) {
        <div><button appButton type="button" size="small" [busy]="working()" (click)="link(number)">Link ticket #{{ number }}</button></div>
      }
      @if (results(); as state) {
        <app-load-status [state]="state" loadingLabel="Searching tickets…" (retry)="search(query(), true)" />
        @if (state.status === 'ok') {
          @if (state.value.length) {
            <ul class="results" aria-label="Matching tickets">
              @for (ticket of state.value; track ticket.id) {
                <li>
                  <button type="button" class="result" (click)="link(ticket.id)">
                    <span class="ticket-badge">#{{ ticket.id }}</span>
                    <span class="result-text">{{ ticket.summary }}</span>
                    <span class="muted result-meta">{{ ticket.company ?? '' }}{{ ticket.status ? ' · ' + ticket.status : '' }}</span>
                  </button>
                </li>
              }
            </ul>
          } @else {
            <p class="muted">No ticket matches.</p>
          }
        }
      }
      <p class="spin-off">
        No ticket yet?
        <button appButton type="button" variant="secondary" size="small" [busy]="working()" (click)="spinOff()">Create a ticket from this session</button>
      </p>
      @if (error()) {
        <app-alert tone="danger">{{ error() }}</app-alert>
      }
      <div dialogActions>
        <button appButton type="button" variant="secondary" (click)="stopLinking()">Close</button>
      </div>
    </app-dialog>
  `,
  styles: `
    .ticket {
      gap: var(--space-2);
    }
    .ticket-badge {
      padding: 0 var(--space-2);
      border: 1px solid var(--color-border-strong);
      border-radius: var(--radius-sm);
      font-family: var(--font-mono);
      font-size: var(--text-sm);
    }
    .ticket-summary {
      color: var(--color-text-muted);
      font-size: var(--text-sm);
    }
    .notice {
      margin: var(--space-1) 0 0;
      color: var(--color-text-muted);
      font-size: var(--text-sm);
    }
    .results {
      display: grid;
      gap: var(--space-1);
      max-block-size: 16rem;
      margin: 0;
      padding: 0;
      overflow-y: auto;
      list-style: none;
    }
    .result {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: var(--space-2);
      inline-size: 100%;
      padding: var(--space-2);
      border: 1px solid var(--color-border);
      border-radius: var(--radius-md);
      background: var(--color-surface);
      color: var(--color-text);
      font: inherit;
      text-align: start;
      cursor: pointer;
    }
    .result:hover {
      background: var(--color-hover);
    }
    .result-text {
      flex: 1;
    }
    .result-meta {
      font-size: var(--text-sm);
    }
    .spin-off {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--space-2);
      margin: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PsaTicketComponent {
  private readonly api = inject(SessionsApi);

  readonly sessionId = input.required<string>();
  readonly ticketId = input<string | null>(null);
  readonly canEdit = input(false);
  /** The session after a link, unlink or spin-off. */
  readonly changed = output<SessionSummary>();

  protected readonly linking = signal(false);
  protected readonly query = signal('');
  protected readonly typedNumber = signal<string | null>(null);
  protected readonly results = signal<LoadState<readonly PsaTicket[]> | null>(null);
  protected readonly verifiedTicket = signal<PsaTicket | null>(null);
  protected readonly working = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly notice = signal('');
  private readonly searches = new Subject<{ text: string; immediately: boolean }>();

  constructor() {
    // Typing waits for a pause; the newest search wins and cancels the one still running.
    const subscription = this.searches
      .pipe(
        debounce(({ immediately }) => timer(immediately ? 0 : 300)),
        switchMap(({ text }) => this.api.searchTickets(text).pipe(toLoadState())),
      )
      .subscribe((state) => this.results.set(state.status === 'ok' ? { status: 'ok', value: state.value.items } : state));
    inject(DestroyRef).onDestroy(() => subscription.unsubscribe());
  }

  protected startLinking(): void {
    this.error.set(null);
    this.notice.set('');
    this.linking.set(true);
    this.search('', true);
  }

  protected stopLinking(): void {
    if (!this.working()) this.linking.set(false);
  }

  protected search(text: string, immediately = false): void {
    this.query.set(text);
    this.typedNumber.set(TICKET_NUMBER.exec(text.trim())?.[1] ?? null);
    this.searches.next({ text: text.trim(), immediately });
  }

  protected async link(ticketId: string): Promise<void> {
    await this.run(async () => {
      const link = await firstValueFrom(this.api.linkTicket(this.sessionId(), ticketId));
      this.verifiedTicket.set(link.ticket);
      this.notice.set(
        link.verified ? `Linked to ticket #${link.ticketId}.` : `Linked to #${link.ticketId}; ConnectWise could not confirm it right now.`,
      );
      this.linking.set(false);
      this.changed.emit(link.session);
    });
  }

  protected async spinOff(): Promise<void> {
    await this.run(async () => {
      const link = await firstValueFrom(this.api.spinOffTicket(this.sessionId()));
      this.verifiedTicket.set(link.ticket);
      this.notice.set(`Created ticket #${link.ticketId} from this session.`);
      this.linking.set(false);
      this.changed.emit(link.session);
    });
  }

  protected async unlink(): Promise<void> {
    await this.run(async () => {
      const session = await firstValueFrom(this.api.unlinkTicket(this.sessionId()));
      this.verifiedTicket.set(null);
      this.notice.set('The ticket was unlinked. The ticket itself is unchanged.');
      this.changed.emit(session);
    });
  }

  private async run(work: () => Promise<void>): Promise<void> {
    if (this.working()) return;
    this.working.set(true);
    this.error.set(null);
    try {
      await work();
    } catch (error) {
      const message = describeError(error);
      // Unlinking happens outside the dialog; its failure is said beside the ticket.
      if (this.linking()) this.error.set(message);
      else this.notice.set(message);
    } finally {
      this.working.set(false);
    }
  }
}
