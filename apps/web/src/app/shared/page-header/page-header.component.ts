import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** The top of every page: its one level-one heading, a line about it, and page-wide actions. */
@Component({
  selector: 'app-page-header',
  template: `
    <div class="text">
      <h1>{{ heading() }}</h1>
      @if (description()) {
        <p class="description">{{ description() }}</p>
      }
    </div>
    <div class="actions"><ng-content /></div>
  `,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      justify-content: space-between;
      gap: var(--space-4);
      margin-block-end: var(--space-6);
    }
    h1 {
      margin: 0;
    }
    .description {
      margin: var(--space-1) 0 0;
      color: var(--color-text-muted);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--space-2);
    }
    .actions:empty {
      display: none;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PageHeaderComponent {
  readonly heading = input.required<string>();
  readonly description = input<string>('');
}
