import { ChangeDetectionStrategy, Component, ElementRef, inject, Injector, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { inviteStepDataSchema, type GrantableRole, type InviteStepData } from '@resolutionflow/contracts';

import { ButtonComponent } from '../../../shared/button/button.component';
import { ControlDirective, FormFieldComponent } from '../../../shared/form-field/form-field.component';
import { FieldErrors, validateWith } from '../../../shared/forms/field-errors';
import { focusFirstInvalid } from '../../../shared/forms/focus-first-invalid';
import { ROLE_LABELS } from '../../accounts/role-labels';

interface InviteRow {
  readonly key: number;
  readonly email: string;
  readonly role: GrantableRole;
}

const MAX_ROWS = 25;
let nextKey = 0;
const emptyRow = (): InviteRow => ({ key: ++nextKey, email: '', role: 'engineer' });

/** Step 2 "Invite your team": addresses that become invitations; blank rows are ignored. */
@Component({
  selector: 'app-team-step',
  imports: [ButtonComponent, ControlDirective, FormFieldComponent, FormsModule],
  template: `
    <form [id]="formId()" class="stack" novalidate (ngSubmit)="submit()">
      <p class="muted intro">Teammates get an email with a link to join. You can invite more people later from the Team page.</p>
      @for (row of rows(); track row.key; let i = $index) {
        <div class="row-fields">
          <app-form-field [label]="'Email of teammate ' + (i + 1)" class="grow" [error]="errors()['invites.' + i + '.email']">
            <input
              appControl
              type="email"
              autocomplete="off"
              [name]="'email-' + row.key"
              [ngModel]="row.email"
              (ngModelChange)="edit(i, { email: $event })"
            />
          </app-form-field>
          <app-form-field [label]="'Role of teammate ' + (i + 1)">
            <select appControl [name]="'role-' + row.key" [ngModel]="row.role" (ngModelChange)="edit(i, { role: $event })">
              @for (role of roles; track role) {
                <option [value]="role">{{ roleLabels[role] }}</option>
              }
            </select>
          </app-form-field>
          @if (rows().length > 1) {
            <button appButton type="button" variant="ghost" size="small" class="remove" (click)="remove(i)">
              Remove<span class="visually-hidden"> teammate {{ i + 1 }}</span>
            </button>
          }
        </div>
      }
      @if (rows().length < maxRows) {
        <div>
          <button appButton type="button" variant="secondary" size="small" (click)="add()">Add another</button>
        </div>
      }
    </form>
  `,
  styles: `
    .intro {
      margin: 0;
    }
    .row-fields {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: var(--space-3);
    }
    .grow {
      flex: 1 1 16rem;
    }
    .remove {
      margin-block-start: 1.75rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TeamStepComponent {
  private readonly host = inject(ElementRef<HTMLElement>);
  private readonly injector = inject(Injector);

  readonly formId = input.required<string>();
  readonly completed = output<InviteStepData>();

  protected readonly roles: readonly GrantableRole[] = ['engineer', 'admin', 'viewer'];
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly maxRows = MAX_ROWS;
  protected readonly rows = signal<readonly InviteRow[]>([emptyRow()]);
  protected readonly errors = signal<FieldErrors>({});

  protected edit(index: number, change: Partial<Omit<InviteRow, 'key'>>): void {
    this.rows.update((rows) => rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  }

  protected add(): void {
    this.rows.update((rows) => [...rows, emptyRow()]);
  }

  protected remove(index: number): void {
    this.rows.update((rows) => rows.filter((_, i) => i !== index));
    this.errors.set({});
  }

  protected submit(): void {
    const filled = this.rows()
      .map((row, index) => ({ row, index }))
      .filter(({ row }) => row.email.trim() !== '');
    const checked = validateWith(inviteStepDataSchema, {
      invites: filled.map(({ row }) => ({ email: row.email, role: row.role })),
    });
    if (!checked.ok) {
      // The schema saw only the filled rows; point each error at the row on screen.
      const errors: Record<string, string> = {};
      for (const [key, message] of Object.entries(checked.errors)) {
        const match = /^invites\.(\d+)\.(\w+)$/.exec(key);
        const row = match ? filled[Number(match[1])] : undefined;
        errors[row ? `invites.${row.index}.${match![2]}` : key] = message;
      }
      this.errors.set(errors);
      focusFirstInvalid(this.host.nativeElement, this.injector);
      return;
    }
    this.errors.set({});
    this.completed.emit(checked.data);
  }
}
