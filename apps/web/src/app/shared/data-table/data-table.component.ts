import { ChangeDetectionStrategy, Component, computed, contentChild, Directive, input } from '@angular/core';

/** The cell of a row that holds its buttons; the table then gets a column for them. */
@Directive({ selector: 'td[appRowActions]', host: { class: 'row-actions' } })
export class RowActionsDirective {}

/**
 * A list as a table: the column headings, the owner's `<tr>` rows projected into its body, and
 * scrolling sideways when the screen is narrow. With no rows, `empty` is said instead.
 */
@Component({
  selector: 'app-data-table',
  template: `
    @if (rowCount() === 0 && empty()) {
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
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .empty {
      margin: 0;
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

  private readonly rowActions = contentChild(RowActionsDirective);
  protected readonly hasRowActions = computed(() => !!this.rowActions());
}
