import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { ResolvedSession, SessionDetail } from '@resolutionflow/contracts';
import { firstValueFrom } from 'rxjs';

import { describeError } from '../../../core/api/api-error';
import { AlertComponent } from '../../../shared/alert/alert.component';
import { ButtonComponent } from '../../../shared/button/button.component';
import { DialogComponent } from '../../../shared/dialog/dialog.component';
import { ControlDirective, FormFieldComponent } from '../../../shared/form-field/form-field.component';
import { EnterSubmitsDirective } from '../../../shared/forms/enter-submits.directive';
import { SessionsApi } from '../sessions-api.service';

/** Concluding a session as resolved: an optional closing note; the assistant writes the resolution note. */
@Component({
  selector: 'app-conclude-dialog',
  imports: [AlertComponent, ButtonComponent, ControlDirective, DialogComponent, EnterSubmitsDirective, FormFieldComponent, FormsModule],
  template: `
    <app-dialog [open]="open()" heading="Resolve this session" (dismissed)="close()">
      <form id="conclude-form" class="stack" novalidate (ngSubmit)="submit()">
        <p class="lead">The assistant writes the resolution note from the session{{ session().psaTicketId ? ' and adds it to ticket #' + session().psaTicketId : '' }}.</p>
        @if (pendingTitles().length) {
          <app-alert tone="warning">
            <p>
              Still waiting to verify: {{ pendingTitles().join(', ') }}. Resolving records
              {{ pendingTitles().length === 1 ? 'it' : 'them' }} as worked, and the note says so.
            </p>
          </app-alert>
        }
        <app-form-field label="What fixed it?" [optional]="true" hint="Your own words for the note. Enter resolves, Shift+Enter for a new line.">
          <textarea appControl name="note" rows="3" autofocus [(ngModel)]="note" appEnterSubmits (submitted)="submit()"></textarea>
        </app-form-field>
        @if (error()) {
          <app-alert tone="danger">{{ error() }}</app-alert>
        }
      </form>
      <div dialogActions>
        <button appButton type="button" variant="secondary" (click)="close()">Cancel</button>
        <button appButton type="submit" form="conclude-form" [busy]="working()">Resolve</button>
      </div>
    </app-dialog>
  `,
  styles: `
    .lead {
      margin: 0;
      color: var(--color-text-muted);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConcludeDialogComponent {
  private readonly api = inject(SessionsApi);

  readonly open = input(false);
  readonly session = input.required<SessionDetail>();
  readonly closed = output<void>();
  readonly resolved = output<ResolvedSession>();

  protected readonly note = signal('');
  protected readonly error = signal<string | null>(null);
  protected readonly working = signal(false);
  protected readonly pendingTitles = computed(() =>
    this.session()
      .fixes.filter((fix) => fix.status === 'applied_pending')
      .map((fix) => `“${fix.title}”`),
  );

  constructor() {
    effect(() => {
      if (this.open()) untracked(() => this.error.set(null));
    });
  }

  protected close(): void {
    if (!this.working()) this.closed.emit();
  }

  protected async submit(): Promise<void> {
    if (this.working()) return;
    this.working.set(true);
    this.error.set(null);
    try {
      const result = await firstValueFrom(this.api.resolve(this.session().id, this.note().trim() || undefined));
      this.note.set('');
      this.resolved.emit(result);
    } catch (error) {
      this.error.set(describeError(error));
    } finally {
      this.working.set(false);
    }
  }
}
