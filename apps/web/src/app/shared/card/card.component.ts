import { ChangeDetectionStrategy, Component, input } from '@angular/core';

let nextId = 0;

/** A titled block of a page; its heading names the region for screen readers. */
@Component({
  selector: 'app-card',
  template: `
    @if (heading()) {
      <div class="card-header">
        <h2 class="card-heading" [id]="headingId">{{ heading() }}</h2>
        <ng-content select="[cardActions]" />
      </div>
    }
    <ng-content />
  `,
  styles: `
    :host {
      display: block;
      padding: var(--space-4) var(--space-6);
      border: 1px solid var(--color-border);
      border-radius: var(--radius-md);
      background: var(--color-surface);
      box-shadow: var(--shadow-card);
    }
    .card-header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: var(--space-2) var(--space-4);
      margin-block-end: var(--space-3);
    }
    .card-heading {
      margin: 0;
      font-size: var(--text-lg);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '[attr.role]': 'heading() ? "region" : null',
    '[attr.aria-labelledby]': 'heading() ? headingId : null',
    '[attr.aria-busy]': 'busy() || null',
  },
})
export class CardComponent {
  readonly heading = input<string>('');
  readonly busy = input(false);
  protected readonly headingId = `card-heading-${++nextId}`;
}
