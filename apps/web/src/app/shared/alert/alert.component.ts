import { ChangeDetectionStrategy, Component, input } from '@angular/core';

export type AlertTone = 'info' | 'success' | 'warning' | 'danger';

/**
 * A message box. Errors are `role="alert"` so they are announced at once; everything else is a
 * polite status.
 */
@Component({
  selector: 'app-alert',
  template: `
    @if (heading()) {
      <p class="heading">{{ heading() }}</p>
    }
    <div class="body"><ng-content /></div>
  `,
  styles: `
    :host {
      display: block;
      padding: var(--space-3) var(--space-4);
      border: 1px solid var(--tone-fg);
      border-inline-start-width: 4px;
      border-radius: var(--radius-md);
      background: var(--tone-bg);
      color: var(--tone-fg);
      --tone-bg: var(--color-accent-subtle);
      --tone-fg: var(--color-accent);
    }
    :host([data-tone='success']) {
      --tone-bg: var(--color-success-bg);
      --tone-fg: var(--color-success-fg);
    }
    :host([data-tone='warning']) {
      --tone-bg: var(--color-warning-bg);
      --tone-fg: var(--color-warning-fg);
    }
    :host([data-tone='danger']) {
      --tone-bg: var(--color-danger-bg);
      --tone-fg: var(--color-danger-fg);
    }
    .heading {
      margin: 0 0 var(--space-1);
      font-weight: 700;
    }
    .body ::ng-deep p {
      margin: 0;
    }
    .body ::ng-deep a {
      color: inherit;
      font-weight: 600;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '[attr.data-tone]': 'tone()',
    '[attr.role]': "tone() === 'danger' ? 'alert' : 'status'",
  },
})
export class AlertComponent {
  readonly tone = input<AlertTone>('info');
  readonly heading = input<string>('');
}
