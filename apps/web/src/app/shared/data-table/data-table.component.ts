import { ChangeDetectionStrategy, Component, computed, contentChild, Directive, input, output } from '@angular/core';

import { AlertComponent } from '../alert/alert.component';
import { ButtonComponent } from '../button/button.component';

/** The cell of a row that holds its buttons; the table then gets a column for them. */
@Directive({ selector: 'td[appRowActions]', host: { class: 'row-actions' } })
export class RowActionsDirective {}

/**
 * A list as a table: the column headings, the owner's `<tr>` rows projected into its body, and
 * scrolling sideways when the screen is narrow. With no rows, `empty` is said instead. When the
 * owner has only part of a longer list, `moreAvailable` adds a "Show more" button under it that
 * emits `more`; `loadingMore` shows it busy, and `moreError` says why the last try failed.
 */
@Component({
  selector: 'app-data-table',
  imports: [AlertComponent, ButtonComponent],
  template: `
    @if (rowCount() === 0 && empty() && !moreAvailable()) {
      <p class="muted empty">{{ empty() }}</p>
    } @else {
      <div class="table-scroll">
        <table class="table">
          <thead>
            <tr>
              @for (column of columns(); track column) {
                <th scope="col">{{ column }}</th>
              }
              @if (hasRowActions()) {
                <th scope="col"><span class="visually-hidden">Actions</span></th>
              }
            </tr>
          </thead>
          <tbody>
            <ng-content />
          </tbody>
        </table>
      </div>
      @if (moreAvailable()) {
        <div class="more">
          @if (moreError()) {
            <app-alert tone="danger" class="more-error">
              <p>More could not be shown. {{ moreError() }}</p>
            </app-alert>
          }
          <button appButton type="button" variant="secondary" size="small" [busy]="loadingMore()" (click)="askForMore()">
            {{ moreError() ? 'Try again' : 'Show more' }}
          </button>
        </div>
      }
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .empty {
      margin: 0;
    }
    .more {
      margin-block-start: var(--space-3);
    }
    .more-error {
      margin-block-end: var(--space-2);
    }
    // The rows are the owner's, so their action cells are reached through its content.
    :host ::ng-deep .row-actions {
      text-align: end;
      white-space: nowrap;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DataTableComponent {
  readonly columns = input.required<readonly string[]>();
  readonly rowCount = input.required<number>();
  /** Said instead of the table when there are no rows; without it an empty table shows its headings. */
  readonly empty = input('');
  /** There are rows after these: offer to show them. */
  readonly moreAvailable = input(false);
  readonly loadingMore = input(false);
  /** Why the last request for more failed, said above the button; empty when there is nothing to say. */
  readonly moreError = input('');
  readonly more = output<void>();

  private readonly rowActions = contentChild(RowActionsDirective);
  protected readonly hasRowActions = computed(() => !!this.rowActions());

  // The busy button's own guard runs after listeners on the same element, so check here too.
  protected askForMore(): void {
    if (!this.loadingMore()) this.more.emit();
  }
}
