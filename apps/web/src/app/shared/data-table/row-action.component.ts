import { ChangeDetectionStrategy, Component, input } from '@angular/core';

import { ButtonComponent } from '../button/button.component';

/**
 * A button in a table row. Screen readers also hear `context`, the row it acts on ("Revoke" is
 * read "Revoke PSA sync script"), since a column of identical names would be ambiguous. Listen
 * with `(click)`: a busy button swallows the click, so it never reaches the listener.
 */
@Component({
  selector: 'app-row-action',
  imports: [ButtonComponent],
  template: `
    <button appButton type="button" variant="ghost" size="small" [busy]="busy()">
      {{ label() }}<span class="visually-hidden"> {{ context() }}</span>
    </button>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RowActionComponent {
  readonly label = input.required<string>();
  readonly context = input.required<string>();
  readonly busy = input(false);
}
