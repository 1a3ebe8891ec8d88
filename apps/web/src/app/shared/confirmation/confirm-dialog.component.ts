import { ChangeDetectionStrategy, Component, input } from '@angular/core';

import { AlertComponent } from '../alert/alert.component';
import { ButtonComponent } from '../button/button.component';
import { DialogComponent } from '../dialog/dialog.component';
import { Confirmation } from './confirmation';

/**
 * The dialog of a Confirmation, open while it asks about an item: what is at stake (projected),
 * why the action failed, Cancel, and the button that carries it out.
 */
@Component({
  selector: 'app-confirm-dialog',
  imports: [AlertComponent, ButtonComponent, DialogComponent],
  template: `
    <app-dialog [open]="confirmation().target() !== null" [heading]="heading()" (dismissed)="confirmation().cancel()">
      <ng-content />
      @if (confirmation().error(); as error) {
        <app-alert tone="danger">{{ error }}</app-alert>
      }
      <div dialogActions>
        <button appButton type="button" variant="secondary" (click)="confirmation().cancel()">Cancel</button>
        <button
          appButton
          type="button"
          [variant]="destructive() ? 'danger' : 'primary'"
          [busy]="confirmation().working()"
          (click)="confirmation().confirm()"
        >
          {{ confirmLabel() }}
        </button>
      </div>
    </app-dialog>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfirmDialogComponent<T> {
  readonly confirmation = input.required<Confirmation<T>>();
  readonly heading = input.required<string>();
  readonly confirmLabel = input.required<string>();
  /** Removes or revokes something (a red button); false for a change such as a new role. */
  readonly destructive = input(true);
}
