import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/**
 * A turning ring. With a `label` it is a status message ("Loading members…") that screen readers
 * announce; without one it is decoration next to text that already says what is happening.
 */
@Component({
  selector: 'app-spinner',
  template: `
    <span class="ring" aria-hidden="true"></span>
    @if (label()) {
      <span class="label">{{ label() }}</span>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: var(--space-2);
      color: var(--color-text-muted);
    }
    .ring {
      inline-size: 1em;
      block-size: 1em;
      border: 2px solid currentColor;
      border-inline-end-color: transparent;
      border-radius: 50%;
      animation: spin 0.8s linear infinite;
    }
    @keyframes spin {
      to {
        transform: rotate(1turn);
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[attr.role]': 'label() ? "status" : null' },
})
export class SpinnerComponent {
  readonly label = input<string>('');
}
